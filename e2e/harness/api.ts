import { ADMIN_PASSWORD } from './server.ts';

/** A signed-in API client for the parts of a journey that happen off the phone. */
export class ApiClient {
  private cookie = '';
  constructor(readonly url: string) {}

  static async asAdmin(url: string): Promise<ApiClient> {
    const client = new ApiClient(url);
    await client.login('admin', ADMIN_PASSWORD);
    return client;
  }

  async login(username: string, password: string): Promise<void> {
    const answer = await fetch(`${this.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-jiuting-client': '1' },
      body: JSON.stringify({ username, password }),
    });
    if (!answer.ok)
      throw new Error(`login as ${username}: ${answer.status} ${await answer.text()}`);
    const setCookie = answer.headers.get('set-cookie') ?? '';
    this.cookie = setCookie.split(';')[0] ?? '';
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const answer = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        cookie: this.cookie,
        'x-jiuting-client': '1',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await answer.text();
    if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${text}`);
    return JSON.parse(text) as T;
  }

  /** Creates a staff account and returns its password. */
  async createStaff(username: string, role: string, communities: string[]): Promise<string> {
    const password = `${username}-password-01`;
    await this.request('POST', '/api/users', {
      username,
      displayName: username,
      role,
      password,
      communities,
    });
    return password;
  }
}
