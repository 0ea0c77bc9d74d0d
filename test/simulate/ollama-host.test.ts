import { describe, expect, it } from 'vitest';
import { TactError } from '../../src/errors.js';
import { parseOllamaHost, resolveHosts } from '../../src/simulate/ollama/host.js';

describe('parseOllamaHost reads an address as Ollama reads OLLAMA_HOST', () => {
  it.each([
    ['', 'http://127.0.0.1:11434'],
    ['0.0.0.0', 'http://127.0.0.1:11434'],
    ['0.0.0.0:8080', 'http://127.0.0.1:8080'],
    ['127.0.0.1', 'http://127.0.0.1:11434'],
    ['localhost:11435', 'http://localhost:11435'],
    [':9000', 'http://127.0.0.1:9000'],
    ['gpu-box', 'http://gpu-box:11434'],
    ['gpu-box:11434', 'http://gpu-box:11434'],
    ['http://gpu-box', 'http://gpu-box:80'],
    ['https://ollama.example.com', 'https://ollama.example.com:443'],
    ['https://ollama.example.com:8443/', 'https://ollama.example.com:8443'],
    ['http://proxy.local/ollama/', 'http://proxy.local:80/ollama'],
    ['HTTP://Box:1', 'http://Box:1'],
    ['::1', 'http://[::1]:11434'],
    ['[::1]', 'http://[::1]:11434'],
    ['[::1]:5000', 'http://[::1]:5000'],
    ['[::]:11434', 'http://[::1]:11434'],
    ['ollama.com', 'https://ollama.com:443'],
    ['  127.0.0.1:11434  ', 'http://127.0.0.1:11434'],
  ])('%j → %s', (value, url) => {
    expect(parseOllamaHost(value)).toBe(url);
  });

  it.each([
    ['ftp://box', '--host "ftp://box" is not an Ollama address: the scheme must be http or https, not ftp'],
    [
      'box:port',
      '--host "box:port" is not an Ollama address: the port "port" is not a number from 0 to 65535',
    ],
    [
      'box:99999',
      '--host "box:99999" is not an Ollama address: the port "99999" is not a number from 0 to 65535',
    ],
  ])('refuses %j with exit code 2', (value, message) => {
    let error: unknown;
    try {
      parseOllamaHost(value);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(TactError);
    expect((error as TactError).message).toBe(message);
    expect((error as TactError).exitCode).toBe(2);
  });
});

describe('resolveHosts', () => {
  it('takes --host first, then OLLAMA_HOST, then the default', () => {
    expect(resolveHosts(['a:1', 'b'], { OLLAMA_HOST: 'c:3' })).toEqual(['http://a:1', 'http://b:11434']);
    expect(resolveHosts([], { OLLAMA_HOST: 'c:3' })).toEqual(['http://c:3']);
    expect(resolveHosts(undefined, { OLLAMA_HOST: '  ' })).toEqual(['http://127.0.0.1:11434']);
    expect(resolveHosts(undefined, {})).toEqual(['http://127.0.0.1:11434']);
  });

  it('counts the same server once, however it is written', () => {
    expect(resolveHosts(['127.0.0.1', 'http://127.0.0.1:11434', '0.0.0.0'], {})).toEqual([
      'http://127.0.0.1:11434',
    ]);
  });

  it('names OLLAMA_HOST when that is what is wrong', () => {
    expect(() => resolveHosts(undefined, { OLLAMA_HOST: 'x:y' })).toThrow(
      'OLLAMA_HOST "x:y" is not an Ollama address',
    );
  });
});
