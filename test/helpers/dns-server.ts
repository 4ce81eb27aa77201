import { createSocket, type Socket } from 'node:dgram';
import { climbNames } from '../../collectors/dns-caa/caa.js';

// A real UDP DNS server on 127.0.0.1 that answers from a table: CAA records (type 257), NXDOMAIN, SERVFAIL, or silence.
export type Zone = { caa: readonly [flags: number, tag: string, value: string][]; cname?: string; delayMs?: number } | 'nxdomain' | 'servfail' | 'silent';

export interface DnsServer {
  readonly address: string;
  readonly queries: string[];
  /** Most delayed queries the server held at the same time. */
  maxInFlight(): number;
  close(): Promise<void>;
}

function readName(message: Buffer, start: number): { name: string; end: number } {
  const labels: string[] = [];
  let offset = start;
  for (let length = message[offset]!; length !== 0; length = message[offset]!) {
    labels.push(message.subarray(offset + 1, offset + 1 + length).toString('latin1'));
    offset += length + 1;
  }
  return { name: labels.join('.').toLowerCase(), end: offset + 1 };
}

function caaRdata(flags: number, tag: string, value: string): Buffer {
  return Buffer.concat([Buffer.from([flags, tag.length]), Buffer.from(tag, 'latin1'), Buffer.from(value, 'latin1')]);
}

function encodeName(name: string): Buffer {
  return Buffer.concat([...name.split('.').map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l, 'latin1')])), Buffer.from([0])]);
}

function record(owner: Buffer, type: number, rdata: Buffer): Buffer {
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16BE(type, 0);
  fixed.writeUInt16BE(1, 2);
  fixed.writeUInt32BE(300, 4);
  fixed.writeUInt16BE(rdata.length, 8);
  return Buffer.concat([owner, fixed, rdata]);
}

function answer(query: Buffer, zones: ReadonlyMap<string, Zone>): Buffer | undefined {
  const { name, end } = readName(query, 12);
  const type = query.readUInt16BE(end);
  const question = query.subarray(12, end + 4);
  // Names below an NXDOMAIN name do not exist either; other names absent from the table exist without records (no data).
  const zone = zones.get(name) ?? (climbNames(name).some((n) => zones.get(n) === 'nxdomain') ? 'nxdomain' : { caa: [] });
  if (zone === 'silent') return undefined;
  const rcode = zone === 'nxdomain' ? 3 : zone === 'servfail' ? 2 : 0;
  // A CNAME is answered as a recursive resolver does: the alias, then the target's CAA records under the target's name.
  const cname = typeof zone === 'object' ? zone.cname : undefined;
  const target = cname === undefined ? undefined : zones.get(cname);
  const records = typeof zone === 'object' && type === 257 ? (typeof target === 'object' ? target.caa : zone.caa) : [];
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.readUInt16BE(0), 0);
  header.writeUInt16BE(0x8180 | rcode, 2);
  header.writeUInt16BE(1, 4);
  const aliasRecord = cname === undefined ? [] : [record(Buffer.from([0xc0, 0x0c]), 5, encodeName(cname))];
  const owner = cname === undefined ? Buffer.from([0xc0, 0x0c]) : encodeName(cname);
  header.writeUInt16BE(aliasRecord.length + records.length, 6);
  const answers = records.map(([flags, tag, value]) => record(owner, 257, caaRdata(flags, tag, value)));
  return Buffer.concat([header, question, ...aliasRecord, ...answers]);
}

export async function startDnsServer(zones: ReadonlyMap<string, Zone>): Promise<DnsServer> {
  const socket: Socket = createSocket('udp4');
  const queries: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  socket.on('message', (message, remote) => {
    const name = readName(message, 12).name;
    queries.push(name);
    const reply = answer(message, zones);
    if (!reply) return;
    const zone = zones.get(name);
    const delayMs = typeof zone === 'object' ? (zone.delayMs ?? 0) : 0;
    if (delayMs === 0) {
      socket.send(reply, remote.port, remote.address);
      return;
    }
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    setTimeout(() => {
      inFlight--;
      socket.send(reply, remote.port, remote.address);
    }, delayMs);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${socket.address().port}`,
    queries,
    maxInFlight: () => maxInFlight,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
