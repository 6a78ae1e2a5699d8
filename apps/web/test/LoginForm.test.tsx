import { screen } from '@testing-library/react';
import { ApiError } from '../src/api/errors';
import { LoginForm } from '../src/components/LoginForm';
import { renderUI } from './render';

describe('LoginForm', () => {
  it('sends email and password', async () => {
    const onLogin = jest.fn().mockResolvedValue(undefined);
    const { user } = renderUI(<LoginForm onLogin={onLogin} />);
    await user.type(screen.getByLabelText('Email'), 'engineer@demo.quorum');
    await user.type(screen.getByLabelText('Password'), 'quorum-demo');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(onLogin).toHaveBeenCalledWith('engineer@demo.quorum', 'quorum-demo');
  });

  it("shows the server's message and marks its field", async () => {
    const onLogin = jest.fn().mockRejectedValue(new ApiError(400, 'bad_request', 'email must be an email address', 'email'));
    const { user } = renderUI(<LoginForm onLogin={onLogin} />);
    await user.type(screen.getByLabelText('Email'), 'nope{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('email must be an email address');
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  });

  it('fills a demo account from the hint', async () => {
    const { user } = renderUI(<LoginForm onLogin={jest.fn()} demoEmails={['expert1@demo.quorum']} demoPassword="quorum-demo" />);
    await user.click(screen.getByText('Demo accounts'));
    await user.click(screen.getByRole('button', { name: 'expert1@demo.quorum' }));
    expect(screen.getByLabelText('Email')).toHaveValue('expert1@demo.quorum');
    expect(screen.getByLabelText('Password')).toHaveValue('quorum-demo');
  });
});
