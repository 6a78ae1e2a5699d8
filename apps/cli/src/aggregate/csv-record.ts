/**
 * One CSV record (RFC 4180): comma-separated fields, a field in double quotes may hold commas,
 * line breaks and doubled quotes (""). Strict where guessing would silently change data: a quote
 * inside an unquoted field, or text after a closing quote, is an error. Spaces around an unquoted
 * field are trimmed ("a, b" is a and b); a quoted field is kept exactly.
 * `open` means a quoted field runs past the end of the text: the caller appends the next line
 * (with its line break) and parses again.
 */
export type CsvRecord = { fields: string[] } | { error: string } | { open: true };

export function csvParseRecord(text: string): CsvRecord {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (text[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) return { open: true };
        value += text.slice(j, q);
        if (text[q + 1] === '"') {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      while (text[i] === ' ' || text[i] === '\t') i++;
      if (i < text.length && text[i] !== ',') return { error: `unexpected text after the closing quote of field ${fields.length + 1}` };
      fields.push(value);
    } else {
      const comma = text.indexOf(',', i);
      const raw = text.slice(i, comma < 0 ? text.length : comma);
      if (raw.includes('"')) return { error: `a quote inside unquoted field ${fields.length + 1} (quote the whole field and double the quote)` };
      fields.push(raw.trim());
      i = comma < 0 ? text.length : comma;
    }
    if (i >= text.length) return { fields };
    i++; // the comma
  }
}
