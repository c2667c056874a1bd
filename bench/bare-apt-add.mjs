/**
 * The floor of bench/small-repo.ts: the least a Node process does to add one .deb to an apt
 * repository, with none of what a publish adds to it. It loads the builtins a signed publish
 * needs (crypto, zlib, fs), parses the .deb's control file, appends its stanza to Packages,
 * writes Packages and Packages.gz with their by-hash copies, Release, InRelease and Release.gpg
 * and the package's detached signature, each file synced then renamed into place.
 *
 * What it leaves out, each in the floor's favour: no OpenPGP packets (raw RSA signatures over the
 * bytes) and no armour, no Packages.xz, no lock or compare-and-swap, no plan, no check of the key
 * or the package, no verify, no log. No client could use what it writes; it exists to be timed, as
 * the part of a run no Node program can avoid. Plain JavaScript, so that nothing loads before it.
 *
 *   node bench/bare-apt-add.mjs <repository folder> <file.deb> <private key .pem>
 *
 * <repository folder> holds `stable/` (the pool) and `dists/stable/main/binary-amd64/Packages`,
 * as our own repository's folder does.
 */
import { createHash, createPrivateKey, sign } from 'node:crypto'
import { copyFile, mkdir, open, readFile, rename } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'

const [repository, deb, keyFile] = process.argv.slice(2)
const key = createPrivateKey(await readFile(keyFile))
const bytes = await readFile(deb)

// ar members after the 8-byte magic, each behind a 60-byte header (size at 48..58).
let control = ''
for (let at = 8; at < bytes.length;) {
  const name = bytes.toString('latin1', at, at + 16).trim()
  const size = Number(bytes.toString('latin1', at + 48, at + 58).trim())
  if (name.startsWith('control.tar.gz')) {
    const tar = gunzipSync(bytes.subarray(at + 60, at + 60 + size))
    for (let t = 0; t + 512 <= tar.length;) {
      const entry = tar.toString('latin1', t, t + 100).replace(/\0.*$/s, '')
      const length = parseInt(tar.toString('latin1', t + 124, t + 136), 8) || 0
      if (entry === '') break
      if (entry.endsWith('control')) control = tar.toString('utf8', t + 512, t + 512 + length)
      t += 512 + Math.ceil(length / 512) * 512
    }
  }
  at += 60 + size + (size % 2)
}

const hex = (algorithm, data) => createHash(algorithm).update(data).digest('hex')
const durable = async (file, data) => {
  const temporary = `${file}.tmp`
  const handle = await open(temporary, 'w')
  await handle.writeFile(data)
  await handle.sync()
  await handle.close()
  await rename(temporary, file)
}

const pool = `${repository}/stable/${basename(deb)}`
await copyFile(deb, pool)
await durable(`${pool}.asc`, sign('sha256', bytes, key))

const dists = `${repository}/dists/stable`
const binary = `${dists}/main/binary-amd64`
const stanza =
  `${control.trim()}\nFilename: stable/${basename(deb)}\nSize: ${bytes.length}\n` +
  `MD5sum: ${hex('md5', bytes)}\nSHA1: ${hex('sha1', bytes)}\n` +
  `SHA256: ${hex('sha256', bytes)}\nSHA512: ${hex('sha512', bytes)}\n\n`
const packages = Buffer.concat([await readFile(`${binary}/Packages`), Buffer.from(stanza)])
const indexes = {
  'main/binary-amd64/Packages': packages,
  'main/binary-amd64/Packages.gz': gzipSync(packages)
}

await mkdir(`${binary}/by-hash/SHA256`, { recursive: true })
for (const data of Object.values(indexes))
  await durable(`${binary}/by-hash/SHA256/${hex('sha256', data)}`, data)
for (const [name, data] of Object.entries(indexes)) await durable(`${dists}/${name}`, data)

let release = `Origin: bench\nLabel: bench\nSuite: stable\nDate: ${new Date().toUTCString()}\n`
for (const [field, algorithm] of [
  ['MD5Sum', 'md5'],
  ['SHA1', 'sha1'],
  ['SHA256', 'sha256'],
  ['SHA512', 'sha512']
]) {
  release += `${field}:\n`
  for (const [name, data] of Object.entries(indexes))
    release += ` ${hex(algorithm, data)} ${data.length} ${name}\n`
}
const signature = sign('sha256', Buffer.from(release), key)
await durable(`${dists}/InRelease`, `${release}\n${signature.toString('base64')}\n`)
await durable(`${dists}/Release`, release)
await durable(`${dists}/Release.gpg`, signature)
const folder = await open(dirname(`${dists}/Release`), 'r')
await folder.sync()
await folder.close()
