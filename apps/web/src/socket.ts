import type { ServerEvents } from '@quorum/contracts';
import { useEffect, useEffectEvent, useSyncExternalStore } from 'react';
import { io, type Socket } from 'socket.io-client';

/**
 * One socket.io connection per logged-in session, on the same origin as the page so the session
 * cookie authenticates it. The server puts it in the rooms the user may hear on connect, so the
 * client never joins anything itself.
 */
type ClientEvents = Record<string, never>;
let socket: Socket<ServerEvents, ClientEvents> | null = null;

export type SocketStatus = 'offline' | 'connecting' | 'live';
let status: SocketStatus = 'offline';
const statusListeners = new Set<() => void>();
const setStatus = (s: SocketStatus) => {
  status = s;
  statusListeners.forEach((fn) => fn());
};

function getSocket(): Socket<ServerEvents, ClientEvents> {
  if (!socket) {
    socket = io({ autoConnect: false, withCredentials: true, transports: ['websocket', 'polling'] });
    socket.on('connect', () => setStatus('live'));
    socket.on('disconnect', () => setStatus(socket?.active ? 'connecting' : 'offline'));
    socket.on('connect_error', () => setStatus(socket?.active ? 'connecting' : 'offline'));
  }
  return socket;
}

/** (Re)connects, e.g. after login, so the server sees the new session cookie. */
export function connectSocket(): void {
  const s = getSocket();
  if (s.connected) s.disconnect();
  setStatus('connecting');
  s.connect();
}

export function disconnectSocket(): void {
  socket?.disconnect();
  setStatus('offline');
}

export function useSocketStatus(): SocketStatus {
  return useSyncExternalStore(
    (fn) => {
      statusListeners.add(fn);
      return () => statusListeners.delete(fn);
    },
    () => status,
  );
}

/** Listens to one server event while the component is mounted; the handler may change freely. */
export function useSocketEvent<E extends keyof ServerEvents>(event: E, handler: ServerEvents[E]): void {
  const onEvent = useEffectEvent((...args: unknown[]) => (handler as (...a: unknown[]) => void)(...args));
  useEffect(() => {
    const s = getSocket();
    const listener = ((...args: unknown[]) => onEvent(...args)) as never;
    s.on(event, listener);
    return () => {
      s.off(event, listener);
    };
  }, [event]);
}

/**
 * Runs `fn` after every reconnect: events sent while the socket was down are lost, so screens
 * refetch what they show.
 */
export function useOnReconnect(fn: () => void): void {
  const onReconnect = useEffectEvent(fn);
  useEffect(() => {
    const s = getSocket();
    let first = !s.connected;
    const listener = () => {
      if (first) {
        first = false;
        return;
      }
      onReconnect();
    };
    s.on('connect', listener);
    return () => {
      s.off('connect', listener);
    };
  }, []);
}
