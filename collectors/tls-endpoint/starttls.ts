// STARTTLS dialogues: the plain-text exchange after which the server expects a TLS ClientHello. Pure protocol logic over
// the probe's bounded PlainChannel (no sockets here); the probe enforces the line and byte caps and the phase time limit.
import type { StartTlsProtocol } from '../../model/evidence.js';
import type { PlainChannel, StartTlsDialogue } from '../../src/engine/collector-context.js';
import { CollectError } from '../../src/engine/define-collector.js';

/** Name the SMTP dialogue announces in EHLO (a reserved name: the scanner has no mail identity). */
export const EHLO_NAME = 'pkimm-scan.invalid';
/** The LDAP StartTLS extended operation (RFC 4511 §4.14). */
export const LDAP_STARTTLS_OID = '1.3.6.1.4.1.1466.20037';
/** PostgreSQL SSLRequest code (1234 << 16 | 5679). */
export const POSTGRES_SSL_REQUEST = 80877103;

const MAX_REPLY_LINES = 200;
const MAX_LDAP_MESSAGE_BYTES = 16_384;

/** Printable, one-line, at most 160 characters: server text is untrusted. */
function quote(text: string): string {
  const clean = text.replace(/[^\x20-\x7e]+/g, ' ').trim();
  return `"${clean.length > 160 ? `${clean.slice(0, 160)}…` : clean}"`;
}

function refused(protocol: string, why: string): CollectError {
  return new CollectError('tls-handshake', `STARTTLS ${protocol} refused: ${why}`);
}

function unexpected(protocol: string, why: string): CollectError {
  return new CollectError('tls-handshake', `STARTTLS ${protocol}: not a ${protocol} server (${why})`);
}

/** Reads an SMTP/FTP style reply ("250-…" continuation lines, then "250 …"); returns the code and the last line. */
async function readCodedReply(channel: PlainChannel, protocol: string): Promise<{ code: number; text: string }> {
  for (let i = 0; i < MAX_REPLY_LINES; i++) {
    const line = await channel.readLine();
    const match = /^(\d{3})([ -]?)(.*)$/.exec(line);
    // FTP allows free-text lines inside a multi-line reply; SMTP does not, but tolerating them costs nothing.
    if (!match) {
      if (i === 0) throw unexpected(protocol, `first line ${quote(line)}`);
      continue;
    }
    if (match[2] !== '-') return { code: Number(match[1]), text: line };
  }
  throw unexpected(protocol, `more than ${MAX_REPLY_LINES} reply lines`);
}

const smtp: StartTlsDialogue = {
  protocol: 'smtp',
  async run(channel) {
    const greeting = await readCodedReply(channel, 'smtp');
    if (greeting.code !== 220) throw refused('smtp', `greeting ${quote(greeting.text)}`);
    channel.write(`EHLO ${EHLO_NAME}\r\n`);
    const ehlo = await readCodedReply(channel, 'smtp');
    if (ehlo.code !== 250) throw refused('smtp', `EHLO answered ${quote(ehlo.text)}`);
    channel.write('STARTTLS\r\n');
    const reply = await readCodedReply(channel, 'smtp');
    if (reply.code !== 220) throw refused('smtp', quote(reply.text));
  },
};

const ftp: StartTlsDialogue = {
  protocol: 'ftp',
  async run(channel) {
    const greeting = await readCodedReply(channel, 'ftp');
    if (greeting.code !== 220) throw refused('ftp', `greeting ${quote(greeting.text)}`);
    channel.write('AUTH TLS\r\n');
    const reply = await readCodedReply(channel, 'ftp');
    if (reply.code !== 234) throw refused('ftp', quote(reply.text));
  },
};

const imap: StartTlsDialogue = {
  protocol: 'imap',
  async run(channel) {
    const greeting = await channel.readLine();
    if (/^\* BYE\b/i.test(greeting)) throw refused('imap', `greeting ${quote(greeting)}`);
    if (!/^\* (OK|PREAUTH)\b/i.test(greeting)) throw unexpected('imap', `greeting ${quote(greeting)}`);
    channel.write('a1 STARTTLS\r\n');
    for (let i = 0; i < MAX_REPLY_LINES; i++) {
      const line = await channel.readLine();
      if (!line.startsWith('a1 ')) continue; // untagged responses
      if (/^a1 OK\b/i.test(line)) return;
      throw refused('imap', quote(line));
    }
    throw unexpected('imap', `no tagged reply within ${MAX_REPLY_LINES} lines`);
  },
};

const pop3: StartTlsDialogue = {
  protocol: 'pop3',
  async run(channel) {
    const greeting = await channel.readLine();
    if (!greeting.startsWith('+OK')) throw greeting.startsWith('-ERR') ? refused('pop3', `greeting ${quote(greeting)}`) : unexpected('pop3', `greeting ${quote(greeting)}`);
    channel.write('STLS\r\n');
    const reply = await channel.readLine();
    if (!reply.startsWith('+OK')) throw refused('pop3', quote(reply));
  },
};

/** A BER length (definite form only) at `offset`; returns the length and where the content starts. */
function berLength(bytes: Uint8Array, offset: number): { length: number; start: number } | undefined {
  const first = bytes[offset];
  if (first === undefined) return undefined;
  if (first < 0x80) return { length: first, start: offset + 1 };
  const count = first & 0x7f;
  if (count === 0 || count > 4 || offset + 1 + count > bytes.length) return undefined;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + bytes[offset + 1 + i]!;
  return { length, start: offset + 1 + count };
}

/** Encodes the LDAP ExtendedRequest for StartTLS with message id 1. */
export function ldapStartTlsRequest(): Uint8Array {
  const oid = Buffer.from(LDAP_STARTTLS_OID, 'latin1');
  const name = Buffer.concat([Buffer.from([0x80, oid.length]), oid]); // requestName [0] LDAPOID
  const op = Buffer.concat([Buffer.from([0x77, name.length]), name]); // [APPLICATION 23] ExtendedRequest
  const body = Buffer.concat([Buffer.from([0x02, 0x01, 0x01]), op]); // messageID 1
  return new Uint8Array(Buffer.concat([Buffer.from([0x30, body.length]), body]));
}

/** Reads the resultCode of an LDAP ExtendedResponse message; throws when the bytes are not one. */
export function ldapResultCode(message: Uint8Array): number {
  // message: SEQUENCE { INTEGER messageID, [APPLICATION 24] { ENUMERATED resultCode, … } }
  const outer = message[0] === 0x30 ? berLength(message, 1) : undefined;
  if (!outer) throw unexpected('ldap', 'reply is not an LDAPMessage');
  const idLen = message[outer.start] === 0x02 ? berLength(message, outer.start + 1) : undefined;
  if (!idLen) throw unexpected('ldap', 'reply has no message id');
  const opAt = idLen.start + idLen.length;
  if (message[opAt] !== 0x78) throw unexpected('ldap', `reply is operation 0x${(message[opAt] ?? 0).toString(16)}, not an ExtendedResponse`);
  const op = berLength(message, opAt + 1);
  if (!op || message[op.start] !== 0x0a) throw unexpected('ldap', 'ExtendedResponse has no resultCode');
  const code = berLength(message, op.start + 1);
  if (!code || code.length < 1 || code.length > 4 || code.start + code.length > message.length) throw unexpected('ldap', 'malformed resultCode');
  let result = 0;
  for (let i = 0; i < code.length; i++) result = result * 256 + message[code.start + i]!;
  return result;
}

const ldap: StartTlsDialogue = {
  protocol: 'ldap',
  async run(channel) {
    channel.write(ldapStartTlsRequest());
    const head = await channel.readBytes(2);
    if (head[0] !== 0x30) throw unexpected('ldap', `first byte 0x${head[0]!.toString(16)}`);
    const lengthBytes = head[1]! < 0x80 ? head : Buffer.concat([head, await channel.readBytes(head[1]! & 0x7f)]);
    const length = berLength(lengthBytes, 1);
    if (!length || length.length > MAX_LDAP_MESSAGE_BYTES) throw unexpected('ldap', 'reply length unreadable or too big');
    const message = Buffer.concat([lengthBytes, await channel.readBytes(length.length)]);
    const code = ldapResultCode(message);
    if (code !== 0) throw refused('ldap', `resultCode ${code}`);
  },
};

const xmpp: StartTlsDialogue = {
  protocol: 'xmpp',
  async run(channel, peer) {
    const domain = (peer.serverName ?? peer.host).replace(/[^A-Za-z0-9.:_-]/g, '');
    channel.write(
      `<?xml version='1.0'?><stream:stream to='${domain}' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>`,
    );
    // The channel caps the total bytes, so accumulating until the closing tag is bounded.
    let text = '';
    while (!/<\/stream:features>|<stream:features\s*\/>/.test(text)) {
      if (/<stream:error/.test(text)) throw refused('xmpp', `stream error ${quote(text.slice(text.indexOf('<stream:error')))}`);
      text += Buffer.from(await channel.readChunk()).toString('utf8');
      if (!text.trimStart().startsWith('<')) throw unexpected('xmpp', `reply ${quote(text.slice(0, 80))}`);
    }
    if (!/<starttls[\s>/]/.test(text)) throw refused('xmpp', 'the stream features offer no starttls');
    channel.write(`<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>`);
    let reply = '';
    while (!/<proceed[\s>/]/.test(reply)) {
      if (/<failure[\s>/]/.test(reply)) throw refused('xmpp', 'the server answered <failure/>');
      reply += Buffer.from(await channel.readChunk()).toString('utf8');
    }
  },
};

const postgres: StartTlsDialogue = {
  protocol: 'postgres',
  async run(channel) {
    const request = Buffer.alloc(8);
    request.writeUInt32BE(8, 0);
    request.writeUInt32BE(POSTGRES_SSL_REQUEST, 4);
    channel.write(new Uint8Array(request));
    const [answer] = await channel.readBytes(1);
    if (answer === 0x53) return; // 'S'
    if (answer === 0x4e) throw refused('postgres', 'the server answered N (SSL off)');
    throw unexpected('postgres', `SSLRequest answered 0x${(answer ?? 0).toString(16)}`);
  },
};

/** The dialogue for each STARTTLS protocol. */
export const starttlsDialogues: Readonly<Record<StartTlsProtocol, StartTlsDialogue>> = { smtp, imap, pop3, ftp, ldap, xmpp, postgres };
