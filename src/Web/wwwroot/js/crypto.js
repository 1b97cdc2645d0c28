// The browser's own cryptography (WebCrypto) for the ledger's signatures: Ed25519 over
// "<tag>\n" + JCS(document) (PROTOCOL.md section 3), keys as raw base64url bytes.
import { jcs, bytes, fromBase64Url, toBase64Url, fromHex, sha256, equalBytes } from './jcs.js';

const publicKeys = new Map();

/** Imports a raw 32-byte Ed25519 public key (base64url), cached by its text. */
export async function publicKey(pub) {
  if (!publicKeys.has(pub)) {
    publicKeys.set(pub, crypto.subtle.importKey('raw', fromBase64Url(pub), { name: 'Ed25519' }, false, ['verify']));
  }
  return publicKeys.get(pub);
}

/** True when sig (base64url) is the Ed25519 signature of tag + "\n" + JCS(doc) under pub. */
export async function verifies(pub, tag, doc, sig) {
  try {
    return await crypto.subtle.verify({ name: 'Ed25519' }, await publicKey(pub), fromBase64Url(sig), bytes(`${tag}\n${jcs(doc)}`));
  } catch {
    return false; // a malformed key or signature is simply a signature that does not verify
  }
}

// PKCS#8 DER of an Ed25519 private key is a fixed 16-byte prefix followed by the 32-byte seed.
const PKCS8_PREFIX = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);

/**
 * Reads a private key file ({"id","alg","pub","priv"}, priv = base64url seed) and imports it for
 * signing. It signs a test message and checks it against "pub", so a file whose halves do not
 * match is refused here rather than by the ledger later.
 */
export async function loadKeyFile(text) {
  const file = JSON.parse(text);
  if (file.alg !== 'Ed25519' || typeof file.id !== 'string' || typeof file.priv !== 'string' || typeof file.pub !== 'string') {
    throw new Error('not an Ed25519 private key file');
  }
  const seed = fromBase64Url(file.priv);
  if (seed.length !== 32) throw new Error('the private key is not 32 bytes');
  const der = new Uint8Array(48);
  der.set(PKCS8_PREFIX, 0);
  der.set(seed, 16);
  const key = await crypto.subtle.importKey('pkcs8', der, { name: 'Ed25519' }, false, ['sign']);
  const probe = bytes('ddl.key-check');
  const sig = await crypto.subtle.sign({ name: 'Ed25519' }, key, probe);
  if (!(await crypto.subtle.verify({ name: 'Ed25519' }, await publicKey(file.pub), sig, probe))) {
    throw new Error('the private key does not match its public key');
  }
  return { id: file.id, pub: file.pub, key };
}

/** Signs a submission document: Ed25519 over "ddl.v1.submission\n" + JCS(submission). */
export async function signSubmission(signing, submission) {
  const sig = await crypto.subtle.sign({ name: 'Ed25519' }, signing.key, bytes(`ddl.v1.submission\n${jcs(submission)}`));
  return { submission: jcs(submission), sig: toBase64Url(sig) };
}

/** Builds and signs a submission (PROTOCOL.md section 3) for the author holding `signing`. */
export function submission(signing, author, chain, type, body) {
  return signSubmission(signing, {
    v: 1, type, chain, author, key: signing.id,
    at: new Date().toISOString(), // yyyy-MM-ddTHH:mm:ss.fffZ, as the ledger wants
    nonce: crypto.randomUUID().replace(/-/g, ''),
    body,
  });
}

/** Checks a signed checkpoint ({members…, sig}) against the genesis's notary key. */
export async function checkpointHolds(signed, genesis) {
  const { sig, ...checkpoint } = signed;
  return checkpoint.v === 1 && checkpoint.ledger === genesis.ledger && checkpoint.key === genesis.notary.id
    && fromHex(checkpoint.root) !== null
    && verifies(genesis.notary.pub, 'ddl.v1.checkpoint', checkpoint, sig);
}

// RFC 9162 2.1: leaf = SHA-256(0x00 || JCS({chain, hash, seq})), node = SHA-256(0x01 || l || r).
export const leafHash = (chain, hash, seq) => sha256(Uint8Array.of(0), bytes(jcs({ chain, hash, seq })));
const nodeHash = (l, r) => sha256(Uint8Array.of(1), l, r);

/** RFC 9162 2.1.3.2: does `path` lead from leaf `index` of a tree of `size` leaves to `root`? */
export async function inclusionHolds(index, size, leaf, path, root) {
  let fn = BigInt(index); let sn = BigInt(size) - 1n; let r = leaf;
  if (fn > sn || root === null) return false;
  for (const p of path) {
    if (p === null || sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = await nodeHash(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
    } else {
      r = await nodeHash(r, p);
    }
    fn >>= 1n; sn >>= 1n;
  }
  return sn === 0n && equalBytes(r, root);
}

/** RFC 9162 2.1.4.2: does `proof` show the tree of size2 (root2) extends the one of size1 (root1)? */
export async function consistencyHolds(size1, size2, root1, root2, proof) {
  const m = BigInt(size1); const n = BigInt(size2);
  if (root1 === null || root2 === null || m > n) return false;
  if (m === n) return proof.length === 0 && equalBytes(root1, root2);
  if (m === 0n) return proof.length === 0;
  if (proof.length === 0 || proof.some((p) => p === null)) return false;
  const path = (m & (m - 1n)) === 0n ? [root1, ...proof] : [...proof];
  let fn = m - 1n; let sn = n - 1n;
  while ((fn & 1n) === 1n) { fn >>= 1n; sn >>= 1n; }
  let fr = path[0]; let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = await nodeHash(c, fr); sr = await nodeHash(c, sr);
      while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
    } else {
      sr = await nodeHash(sr, c);
    }
    fn >>= 1n; sn >>= 1n;
  }
  return sn === 0n && equalBytes(fr, root1) && equalBytes(sr, root2);
}

export { fromHex };
