import { isIP } from 'node:net';
import { TactError } from '../../errors.js';

export const DEFAULT_OLLAMA_HOST = 'http://127.0.0.1:11434';
const DEFAULT_PORT = '11434';

/**
 * Read an Ollama host the way Ollama reads `OLLAMA_HOST` (envconfig.Host, then ConnectableHost):
 * the scheme is optional (`http` when missing), and so is the port (11434 with no scheme, else 80
 * or 443 by the scheme); a bare IP, `[::1]`, `host:port`, `:port` and a path prefix are accepted,
 * `ollama.com` means `https://ollama.com:443`, and an unspecified address (`0.0.0.0`, `::`), which
 * a server binds but a client cannot reach, means loopback. Returns a URL with no trailing slash.
 * An unusable value (a bad port, a scheme other than http or https) is a TactError naming `where`.
 */
export function parseOllamaHost(value: string, where = '--host'): string {
  const s = value.trim();
  const bad = (why: string): never => {
    throw new TactError(
      `${where} "${value}" is not an Ollama address: ${why}`,
      2,
      'give host, host:port or a URL, e.g. 127.0.0.1:11434 or https://ollama.example.com',
    );
  };
  let scheme = 'http';
  let rest = s;
  let defaultPort = DEFAULT_PORT;
  const cut = s.indexOf('://');
  if (cut >= 0) {
    scheme = s.slice(0, cut).toLowerCase();
    rest = s.slice(cut + 3);
    if (scheme === 'http') defaultPort = '80';
    else if (scheme === 'https') defaultPort = '443';
    else bad(`the scheme must be http or https, not ${scheme}`);
  } else if (s === 'ollama.com') {
    return 'https://ollama.com:443';
  }
  const slash = rest.indexOf('/');
  const hostport = slash >= 0 ? rest.slice(0, slash) : rest;
  const pathPart = slash >= 0 ? rest.slice(slash + 1).replace(/\/+$/, '') : '';
  let host: string;
  let port: string;
  const split = splitHostPort(hostport);
  if (split) {
    host = split.host;
    port = split.port;
  } else {
    port = defaultPort;
    const bare = hostport.replace(/^\[(.*)\]$/, '$1');
    host = isIP(bare) ? bare : hostport || '127.0.0.1';
  }
  if (!/^\d+$/.test(port) || Number(port) > 65535) bad(`the port "${port}" is not a number from 0 to 65535`);
  if (host === '' || host === '0.0.0.0') host = '127.0.0.1';
  else if (host === '::' || /^(0*:)+0*$/.test(host)) host = '::1';
  if (/[\s@?#]/.test(host)) bad(`"${host}" is not a host name`);
  const hostText = host.includes(':') ? `[${host}]` : host;
  return `${scheme}://${hostText}:${Number(port)}${pathPart ? `/${pathPart}` : ''}`;
}

/** Go's net.SplitHostPort: `host:port` or `[v6]:port`; undefined when there is no port. */
function splitHostPort(hostport: string): { host: string; port: string } | undefined {
  if (hostport.startsWith('[')) {
    const end = hostport.indexOf(']');
    if (end < 0 || hostport[end + 1] !== ':') return undefined;
    return { host: hostport.slice(1, end), port: hostport.slice(end + 2) };
  }
  const colon = hostport.lastIndexOf(':');
  if (colon < 0 || hostport.indexOf(':') !== colon) return undefined;
  return { host: hostport.slice(0, colon), port: hostport.slice(colon + 1) };
}

/**
 * The Ollama servers of a run: every `--host` given, else `OLLAMA_HOST`, else the default. Each is
 * normalised with parseOllamaHost; the same server given twice counts once.
 */
export function resolveHosts(flags: readonly string[] | undefined, env: NodeJS.ProcessEnv): string[] {
  let hosts: string[];
  if (flags && flags.length > 0) hosts = flags.map((h) => parseOllamaHost(h, '--host'));
  else if (env.OLLAMA_HOST?.trim()) hosts = [parseOllamaHost(env.OLLAMA_HOST, 'OLLAMA_HOST')];
  else hosts = [DEFAULT_OLLAMA_HOST];
  return [...new Set(hosts)];
}
