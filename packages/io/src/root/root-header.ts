import { ioError } from '../common/io-error.js';
import { openForRead, readExactly } from '../common/open-file.js';

/**
 * Check the ROOT file header before jsroot reads it: magic `root`, and fEND (the end of the last
 * record, 4 or 8 bytes after fBEGIN depending on fVersion >= 1000000) not past the file's end
 * (ROOT TFile::Init header layout). Missing, foreign and truncated files fail with catalog errors.
 */
export async function assertCompleteRootFile(path: string): Promise<void> {
  const handle = await openForRead(path);
  try {
    const size = (await handle.stat()).size;
    if (size < 20) throw ioError('FileUnreadable', `${path} is truncated: ${size} bytes is shorter than a ROOT header`);
    const head = await readExactly(handle, path, 0, 24);
    if (head.toString('latin1', 0, 4) !== 'root') throw ioError('ParseError', `${path} is not a ROOT file (no "root" magic)`);
    const version = head.readInt32BE(4);
    const end = version >= 1000000 ? Number(head.readBigInt64BE(12)) : head.readInt32BE(12);
    if (end > size) throw ioError('FileUnreadable', `${path} is truncated: its header says ${end} bytes, the file has ${size}`);
  } finally {
    await handle.close();
  }
}
