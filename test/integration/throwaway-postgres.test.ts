import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startThrowawayPostgres } from '../support/throwaway-postgres';

/** Whether anything accepts a TCP connection on 127.0.0.1:port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('a throwaway PostgreSQL from npm', () => {
  it('starts on loopback only, runs queries through pg with text kept exactly, and leaves nothing behind when stopped', async () => {
    const postgres = await startThrowawayPostgres();
    const url = new URL(postgres.url);
    const client = new pg.Client({ connectionString: postgres.url });
    let dataDirectory = '';
    try {
      expect(url.hostname).toBe('127.0.0.1');
      await client.connect();
      const { rows } = await client.query<{ version: string; listen: string; sockets: string; data: string; encoding: string }>(
        `SELECT version() AS version, current_setting('listen_addresses') AS listen,
                current_setting('unix_socket_directories') AS sockets, current_setting('data_directory') AS data,
                pg_encoding_to_char(encoding) AS encoding
           FROM pg_database WHERE datname = current_database()`,
      );
      const [server] = rows;
      expect(server!.version).toMatch(/^PostgreSQL \d+/);
      expect(server!.listen).toBe('127.0.0.1');
      expect(server!.sockets).toBe('');
      expect(server!.encoding).toBe('UTF8');
      dataDirectory = server!.data;
      expect(existsSync(dataDirectory)).toBe(true);

      await client.query('CREATE TABLE facility (ccn text PRIMARY KEY, name text NOT NULL)');
      await client.query('INSERT INTO facility VALUES ($1, $2)', ['010001', 'Hospital de la señora Núñez — Peñuelas']);
      const stored = await client.query<{ ccn: string; name: string }>('SELECT ccn, name FROM facility');
      expect(stored.rows).toEqual([{ ccn: '010001', name: 'Hospital de la señora Núñez — Peñuelas' }]);
    } finally {
      await client.end();
      await postgres.stop();
    }
    expect(await accepts(Number(url.port))).toBe(false);
    expect(existsSync(dataDirectory)).toBe(false);
    await postgres.stop();
  }, 120_000);

  it('gives each caller its own server, so tests running at once never share data', async () => {
    const [first, second] = await Promise.all([startThrowawayPostgres(), startThrowawayPostgres()]);
    try {
      expect(new URL(first.url).port).not.toBe(new URL(second.url).port);
      const [a, b] = [new pg.Client({ connectionString: first.url }), new pg.Client({ connectionString: second.url })];
      await Promise.all([a.connect(), b.connect()]);
      await a.query('CREATE TABLE only_in_first (id int)');
      const found = await b.query("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'only_in_first'");
      expect(found.rows[0]).toEqual({ n: 0 });
      await Promise.all([a.end(), b.end()]);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  }, 120_000);
});
