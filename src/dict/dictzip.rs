//! Reading dictionary data: plain `.dict` files, and `.dict.dz` files by their dictzip
//! chunks (random access: only the chunks that hold an entry are inflated). A `.dz` file
//! without the dictzip table is inflated once, whole, and kept in memory.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use flate2::{Decompress, FlushDecompress};

/// Why data could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{}: {message}", .path.display())]
pub struct DataError {
    pub path: PathBuf,
    pub message: String,
}

/// The data file of a dictionary.
#[derive(Debug)]
pub enum Data {
    /// A plain file and its size.
    Plain(Mutex<File>, PathBuf, u64),
    Dictzip(Box<Dictzip>),
    Inflated(Vec<u8>, PathBuf),
}

/// A dictzip file: gzip with a table of chunk sizes in the header's "RA" extra field.
#[derive(Debug)]
pub struct Dictzip {
    file: Mutex<File>,
    path: PathBuf,
    chunk_len: usize,
    /// File offset of each chunk, plus the end of the last.
    starts: Vec<u64>,
    /// The size of the data inflated (the gzip trailer's, checked against the chunks).
    total: u64,
    /// The gzip trailer's CRC32 of the data (checked by [`Data::verify`]).
    crc: u32,
    /// The chunks inflated last, newest last: the entries of one lookup (a headword's
    /// senses, its neighbours, a compound's parts) often share a chunk, as dictd's own
    /// chunk cache knows.
    recent: Mutex<Vec<(usize, std::sync::Arc<Vec<u8>>)>>,
}

/// The most a gzip file without a chunk table is inflated to in memory.
const MAX_INFLATED: u64 = 1 << 30;

/// How many inflated chunks a dictionary keeps (each at most 64 KB).
const RECENT_CHUNKS: usize = 16;

fn err(path: &Path, message: impl Into<String>) -> DataError {
    DataError {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

impl Data {
    /// Open a data file; `.dz` files are read as dictzip (or gzip).
    pub fn open(path: &Path) -> Result<Data, DataError> {
        let (mut file, size) = super::files::open_regular(path).map_err(|e| err(path, e))?;
        let is_dz = path.extension().is_some_and(|e| e == "dz");
        if !is_dz {
            return Ok(Data::Plain(Mutex::new(file), path.to_path_buf(), size));
        }
        let mut header = vec![0u8; 10];
        file.read_exact(&mut header)
            .map_err(|_| err(path, "too short for a gzip file"))?;
        if header[0] != 0x1f || header[1] != 0x8b || header[2] != 8 {
            return Err(err(path, "not a gzip file"));
        }
        let flags = header[3];
        if flags & 0x04 != 0
            && let Some(dz) = read_dictzip_header(&mut file, path, flags, size)?
        {
            return Ok(Data::Dictzip(Box::new(dz)));
        }
        // Plain gzip: inflate the whole file once (it checks the CRC), at most
        // `MAX_INFLATED` bytes.
        file.seek(SeekFrom::Start(0))
            .map_err(|e| err(path, format!("cannot read: {e}")))?;
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(std::io::BufReader::new(file))
            .take(MAX_INFLATED + 1)
            .read_to_end(&mut out)
            .map_err(|e| err(path, format!("damaged: cannot inflate: {e}")))?;
        if out.len() as u64 > MAX_INFLATED {
            return Err(err(
                path,
                format!("inflates to more than {MAX_INFLATED} bytes; use dictzip"),
            ));
        }
        Ok(Data::Inflated(out, path.to_path_buf()))
    }

    pub fn path(&self) -> &Path {
        match self {
            Data::Plain(_, p, _) | Data::Inflated(_, p) => p,
            Data::Dictzip(dz) => &dz.path,
        }
    }

    /// Forget the chunks kept inflated (a benchmark measures a lookup from cold with it).
    pub fn forget_recent(&self) {
        if let Data::Dictzip(dz) = self {
            dz.forget_recent();
        }
    }

    /// The size of the data (uncompressed).
    pub fn size(&self) -> u64 {
        match self {
            Data::Plain(_, _, size) => *size,
            Data::Inflated(bytes, _) => bytes.len() as u64,
            Data::Dictzip(dz) => dz.total,
        }
    }

    /// An entry of `len` bytes at `offset`, checked against the data's size before anything
    /// is allocated (an index line cannot make lesepult allocate more than the file holds),
    /// and cut to [`super::files::MAX_ENTRY`] bytes.
    pub fn read_entry(&self, offset: u64, len: u64) -> Result<Vec<u8>, DataError> {
        let size = self.size();
        if offset.checked_add(len).is_none_or(|end| end > size) {
            return Err(err(
                self.path(),
                format!(
                    "damaged index: an entry of {len} bytes at {offset} is past the end of the \
                     data ({size} bytes)"
                ),
            ));
        }
        let shown = usize::try_from(len)
            .unwrap_or(usize::MAX)
            .min(super::files::MAX_ENTRY);
        self.read(offset, shown)
    }

    /// Check the whole data: a dictzip file is inflated chunk by chunk and its CRC32 and
    /// size compared with the gzip trailer's (`dict list` does this).
    pub fn verify(&self) -> Result<(), DataError> {
        match self {
            Data::Plain(..) | Data::Inflated(..) => Ok(()),
            Data::Dictzip(dz) => dz.verify(),
        }
    }

    /// `len` bytes from uncompressed offset `offset`.
    pub fn read(&self, offset: u64, len: usize) -> Result<Vec<u8>, DataError> {
        let size = self.size();
        if offset.checked_add(len as u64).is_none_or(|end| end > size) {
            return Err(err(
                self.path(),
                format!("entry at {offset} ({len} bytes) is past the end ({size} bytes)"),
            ));
        }
        match self {
            Data::Plain(file, path, _) => {
                let mut file = file.lock().map_err(|_| err(path, "lock poisoned"))?;
                let mut buf = vec![0u8; len];
                file.seek(SeekFrom::Start(offset))
                    .and_then(|_| file.read_exact(&mut buf))
                    .map_err(|e| err(path, format!("cannot read {len} bytes at {offset}: {e}")))?;
                Ok(buf)
            }
            Data::Inflated(bytes, path) => {
                let start = usize::try_from(offset).unwrap_or(usize::MAX);
                bytes
                    .get(start..start.saturating_add(len))
                    .map(<[u8]>::to_vec)
                    .ok_or_else(|| err(path, format!("entry at {offset} is past the end")))
            }
            Data::Dictzip(dz) => dz.read(offset, len),
        }
    }
}

fn read_dictzip_header(
    file: &mut File,
    path: &Path,
    flags: u8,
    file_len: u64,
) -> Result<Option<Dictzip>, DataError> {
    let mut xlen = [0u8; 2];
    file.read_exact(&mut xlen)
        .map_err(|_| err(path, "truncated gzip header"))?;
    let xlen = u16::from_le_bytes(xlen) as usize;
    let mut extra = vec![0u8; xlen];
    file.read_exact(&mut extra)
        .map_err(|_| err(path, "truncated gzip header"))?;
    let mut ra: Option<(usize, Vec<u64>)> = None;
    let mut i = 0;
    while i + 4 <= extra.len() {
        let (si1, si2) = (extra[i], extra[i + 1]);
        let len = u16::from_le_bytes([extra[i + 2], extra[i + 3]]) as usize;
        let body = extra.get(i + 4..i + 4 + len).unwrap_or(&[]);
        if si1 == b'R' && si2 == b'A' && body.len() >= 6 {
            let chlen = u16::from_le_bytes([body[2], body[3]]) as usize;
            let count = u16::from_le_bytes([body[4], body[5]]) as usize;
            let sizes: Vec<u64> = body[6..]
                .chunks_exact(2)
                .take(count)
                .map(|c| u64::from(u16::from_le_bytes([c[0], c[1]])))
                .collect();
            if sizes.len() != count || chlen == 0 || sizes.contains(&0) {
                return Err(err(path, "damaged dictzip chunk table"));
            }
            ra = Some((chlen, sizes));
        }
        i += 4 + len;
    }
    let Some((chunk_len, sizes)) = ra else {
        return Ok(None);
    };
    // Skip the optional file name, comment and header CRC.
    let mut pos = 10 + 2 + xlen as u64;
    let skip_zero_terminated = |file: &mut File, pos: &mut u64| -> Result<(), DataError> {
        let mut b = [0u8; 1];
        loop {
            file.read_exact(&mut b)
                .map_err(|_| err(path, "truncated gzip header"))?;
            *pos += 1;
            if b[0] == 0 {
                return Ok(());
            }
        }
    };
    if flags & 0x08 != 0 {
        skip_zero_terminated(file, &mut pos)?;
    }
    if flags & 0x10 != 0 {
        skip_zero_terminated(file, &mut pos)?;
    }
    if flags & 0x02 != 0 {
        pos += 2;
    }
    let mut starts = Vec::with_capacity(sizes.len() + 1);
    let mut at = pos;
    for s in &sizes {
        starts.push(at);
        at += s;
    }
    starts.push(at);
    // The chunks and the 8-byte trailer (CRC32, size) must fit in the file.
    if at + 8 > file_len {
        return Err(err(
            path,
            format!(
                "damaged: the chunk table says {at} bytes and a trailer, the file has {file_len}"
            ),
        ));
    }
    let mut trailer = [0u8; 8];
    file.seek(SeekFrom::Start(file_len - 8))
        .and_then(|_| file.read_exact(&mut trailer))
        .map_err(|e| err(path, format!("cannot read the gzip trailer: {e}")))?;
    let crc = u32::from_le_bytes([trailer[0], trailer[1], trailer[2], trailer[3]]);
    let isize = u64::from(u32::from_le_bytes([
        trailer[4], trailer[5], trailer[6], trailer[7],
    ]));
    // The data fills every chunk but the last, which holds 1 to `chunk_len` bytes; the
    // trailer gives the size modulo 2^32.
    let most = (sizes.len() as u64) * chunk_len as u64;
    let least = most.saturating_sub(chunk_len as u64) + u64::from(!sizes.is_empty());
    // The size in the chunks' range with the trailer's residue.
    const WRAP: u64 = 1 << 32;
    let total = least + (isize + WRAP - least % WRAP) % WRAP;
    if total > most {
        return Err(err(
            path,
            format!(
                "damaged: the gzip trailer says {isize} bytes, the chunk table {least} to {most}"
            ),
        ));
    }
    Ok(Some(Dictzip {
        file: Mutex::new(
            file.try_clone()
                .map_err(|e| err(path, format!("cannot open: {e}")))?,
        ),
        path: path.to_path_buf(),
        chunk_len,
        starts,
        total,
        crc,
        recent: Mutex::new(Vec::with_capacity(RECENT_CHUNKS)),
    }))
}

impl Dictzip {
    fn read(&self, offset: u64, len: usize) -> Result<Vec<u8>, DataError> {
        let chunk_len = self.chunk_len as u64;
        let first = (offset / chunk_len) as usize;
        let last = ((offset + len as u64).saturating_sub(1) / chunk_len) as usize;
        if last + 1 >= self.starts.len() && len > 0 {
            return Err(err(
                &self.path,
                format!("entry at {offset} is past the end"),
            ));
        }
        let mut out = Vec::with_capacity(len + self.chunk_len);
        let end_in_last = (offset + len as u64 - last as u64 * chunk_len) as usize;
        for chunk in first..=last {
            // Inflate only as far as the entry reaches.
            let need = if chunk == last {
                end_in_last.min(self.chunk_len)
            } else {
                self.chunk_len
            };
            out.extend_from_slice(&self.chunk(chunk, need)?);
        }
        let skip = (offset - first as u64 * chunk_len) as usize;
        out.get(skip..skip + len)
            .map(<[u8]>::to_vec)
            .ok_or_else(|| err(&self.path, format!("entry at {offset} is past the end")))
    }

    /// The first `need` bytes of a chunk (or more), inflated, from the recent ones or from
    /// the file. A chunk is inflated only as far as needed, and kept so.
    fn chunk(&self, chunk: usize, need: usize) -> Result<std::sync::Arc<Vec<u8>>, DataError> {
        let poisoned = || err(&self.path, "lock poisoned");
        {
            let mut recent = self.recent.lock().map_err(|_| poisoned())?;
            if let Some(i) = recent.iter().position(|(c, _)| *c == chunk) {
                let hit = recent.remove(i);
                if hit.1.len() >= need {
                    let bytes = hit.1.clone();
                    recent.push(hit);
                    return Ok(bytes);
                }
            }
        }
        let (start, end) = (self.starts[chunk], self.starts[chunk + 1]);
        let mut compressed = vec![0u8; (end - start) as usize];
        {
            let mut file = self.file.lock().map_err(|_| poisoned())?;
            file.seek(SeekFrom::Start(start))
                .and_then(|_| file.read_exact(&mut compressed))
                .map_err(|e| err(&self.path, format!("cannot read chunk {chunk}: {e}")))?;
        }
        let mut inflated = vec![0u8; need.min(self.chunk_len)];
        let mut z = Decompress::new(false);
        z.decompress(&compressed, &mut inflated, FlushDecompress::Sync)
            .map_err(|e| {
                err(
                    &self.path,
                    format!("damaged: chunk {chunk} does not inflate: {e}"),
                )
            })?;
        if (z.total_out() as usize) < inflated.len() {
            return Err(err(
                &self.path,
                format!(
                    "damaged: chunk {chunk} inflates to {} bytes, {} expected",
                    z.total_out(),
                    inflated.len()
                ),
            ));
        }
        let bytes = std::sync::Arc::new(inflated);
        let mut recent = self.recent.lock().map_err(|_| poisoned())?;
        if recent.len() >= RECENT_CHUNKS {
            recent.remove(0);
        }
        recent.push((chunk, bytes.clone()));
        Ok(bytes)
    }

    /// Inflate every chunk and compare the CRC32 and size with the gzip trailer's.
    fn verify(&self) -> Result<(), DataError> {
        let mut crc = flate2::Crc::new();
        let mut total = 0u64;
        let count = self.starts.len() - 1;
        let mut file = self
            .file
            .lock()
            .map_err(|_| err(&self.path, "lock poisoned"))?;
        let mut compressed = Vec::with_capacity(1 << 16);
        let mut inflated = vec![0u8; self.chunk_len];
        for chunk in 0..count {
            let (start, end) = (self.starts[chunk], self.starts[chunk + 1]);
            compressed.resize((end - start) as usize, 0);
            file.seek(SeekFrom::Start(start))
                .and_then(|_| file.read_exact(&mut compressed))
                .map_err(|e| err(&self.path, format!("cannot read chunk {chunk}: {e}")))?;
            let want = if chunk + 1 == count {
                (self.total - chunk as u64 * self.chunk_len as u64) as usize
            } else {
                self.chunk_len
            };
            let mut z = Decompress::new(false);
            z.decompress(&compressed, &mut inflated[..want], FlushDecompress::Sync)
                .map_err(|e| {
                    err(
                        &self.path,
                        format!("damaged: chunk {chunk} does not inflate: {e}"),
                    )
                })?;
            if z.total_out() as usize != want {
                return Err(err(
                    &self.path,
                    format!(
                        "damaged: chunk {chunk} inflates to {} bytes, {want} expected",
                        z.total_out()
                    ),
                ));
            }
            crc.update(&inflated[..want]);
            total += want as u64;
        }
        if crc.sum() != self.crc || total != self.total {
            return Err(err(
                &self.path,
                format!(
                    "damaged: CRC32 {:08x} of the data, {:08x} in the gzip trailer",
                    crc.sum(),
                    self.crc
                ),
            ));
        }
        Ok(())
    }

    fn forget_recent(&self) {
        if let Ok(mut recent) = self.recent.lock() {
            recent.clear();
        }
    }
}

/// Write `data` as a dictzip file (used by tests and benchmarks to make dictionaries).
pub fn write_dictzip(path: &Path, data: &[u8], chunk_len: usize) -> std::io::Result<()> {
    use flate2::{Compress, Compression, FlushCompress};
    let mut chunks: Vec<Vec<u8>> = Vec::new();
    let mut z = Compress::new(Compression::default(), false);
    for piece in data.chunks(chunk_len.max(1)) {
        // Room for the worst case, so one call consumes the whole piece.
        let mut out = Vec::with_capacity(piece.len() * 2 + 1024);
        let before = z.total_in();
        z.compress_vec(piece, &mut out, FlushCompress::Full)
            .map_err(std::io::Error::other)?;
        if (z.total_in() - before) as usize != piece.len() || out.len() > usize::from(u16::MAX) {
            return Err(std::io::Error::other("chunk too large for dictzip"));
        }
        chunks.push(out);
    }
    let mut extra = Vec::new();
    let ra_len = 6 + 2 * chunks.len();
    extra.extend_from_slice(b"RA");
    extra.extend_from_slice(&(ra_len as u16).to_le_bytes());
    extra.extend_from_slice(&1u16.to_le_bytes());
    extra.extend_from_slice(&(chunk_len as u16).to_le_bytes());
    extra.extend_from_slice(&(chunks.len() as u16).to_le_bytes());
    for c in &chunks {
        extra.extend_from_slice(&(c.len() as u16).to_le_bytes());
    }
    let mut out = vec![0x1f, 0x8b, 8, 0x04, 0, 0, 0, 0, 0, 3];
    out.extend_from_slice(&(extra.len() as u16).to_le_bytes());
    out.extend_from_slice(&extra);
    for c in &chunks {
        out.extend_from_slice(c);
    }
    // Trailer: a final empty block, CRC32 and size (readers of chunks do not need them).
    let mut tail = Vec::with_capacity(64);
    z.compress_vec(&[], &mut tail, FlushCompress::Finish)
        .map_err(std::io::Error::other)?;
    out.extend_from_slice(&tail);
    let mut crc = flate2::Crc::new();
    crc.update(data);
    out.extend_from_slice(&crc.sum().to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    std::fs::write(path, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictzip_round_trip_across_chunks() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("t.dict.dz");
        let data: Vec<u8> = (0..20_000u32)
            .flat_map(|i| format!("Eintrag {i}: Größe „{i}“\n").into_bytes())
            .collect();
        write_dictzip(&path, &data, 1000).expect("write");
        let d = Data::open(&path).expect("open");
        assert!(matches!(d, Data::Dictzip(_)));
        for (offset, len) in [
            (0u64, 10usize),
            (995, 20),
            (123_456, 3000),
            (data.len() as u64 - 5, 5),
        ] {
            let got = d.read(offset, len).expect("read");
            assert_eq!(got, &data[offset as usize..offset as usize + len]);
        }
        assert!(d.read(data.len() as u64 + 10, 5).is_err());
        // A standard gzip reader reads the whole file too.
        let mut all = Vec::new();
        flate2::read::GzDecoder::new(&std::fs::read(&path).expect("read")[..])
            .read_to_end(&mut all)
            .expect("gzip");
        assert_eq!(all, data);
    }

    #[test]
    fn a_chunk_table_longer_than_the_file_is_refused_and_a_bad_crc_fails_verify() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("t.dict.dz");
        let data: Vec<u8> = "Größe und Maß\n".repeat(2000).into_bytes();
        write_dictzip(&path, &data, 1000).expect("write");
        let good = std::fs::read(&path).expect("read");
        assert!(Data::open(&path).expect("open").verify().is_ok());
        // Cut: the table says more than the file has.
        std::fs::write(&path, &good[..good.len() / 2]).expect("write");
        let e = Data::open(&path).expect_err("cut");
        assert!(e.message.contains("damaged"), "{e}");
        // A wrong CRC32 in the trailer: opens (the chunks are sane), fails the check.
        let mut bad = good.clone();
        let n = bad.len();
        bad[n - 8] ^= 0xff;
        std::fs::write(&path, &bad).expect("write");
        let e = Data::open(&path).expect("opens").verify().expect_err("crc");
        assert!(e.message.contains("CRC32"), "{e}");
        // A size in the trailer that the chunk table cannot hold.
        let mut bad = good.clone();
        bad[n - 4..].copy_from_slice(&1_000_000u32.to_le_bytes());
        std::fs::write(&path, &bad).expect("write");
        assert!(Data::open(&path).is_err());
        // Lengths are checked against the size before anything is allocated.
        std::fs::write(&path, &good).expect("write");
        let d = Data::open(&path).expect("open");
        assert!(d.read_entry(0, 1 << 40).is_err());
        assert!(d.read_entry(u64::MAX - 1, 5).is_err());
        assert_eq!(d.read_entry(0, 4).expect("read"), b"Gr\xc3\xb6");
    }

    proptest::proptest! {
        /// Any bytes as a .dict.dz: opening, reading and checking never panic nor allocate
        /// from an unchecked number.
        #[test]
        fn any_dictzip_header_never_panics(
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..600),
            offset in 0u64..5000,
            len in 0u64..(1 << 40),
        ) {
            let dir = tempfile::tempdir().expect("tempdir");
            let path = dir.path().join("f.dict.dz");
            // A valid magic and RA flag most of the time, so the table parser is reached.
            let mut file = vec![0x1f, 0x8b, 8, 0x04, 0, 0, 0, 0, 0, 3];
            file.extend_from_slice(&bytes);
            std::fs::write(&path, &file).expect("write");
            if let Ok(d) = Data::open(&path) {
                let _ = d.read_entry(offset, len);
                let _ = d.verify();
            }
        }
    }
}
