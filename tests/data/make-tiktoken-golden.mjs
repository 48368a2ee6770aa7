// Makes the golden data of tests/tst_bpetokenizer.cpp: real text chunks and the token ids
// the npm `tiktoken` package (OpenAI's Rust tiktoken compiled to WASM) gives them.
//
//   node tests/data/make-tiktoken-golden.mjs            (on the host: node is not in the root)
//
// Writes, under tests/data/tiktoken/:
//   chunks.jsonl       one {"source": ..., "text": ...} per line: the input texts themselves,
//                      so the test never reads this machine's files
//   cl100k_base.tokens one line per chunk, same order: "<count>\t<id> <id> ..."
//   o200k_base.tokens  the same for o200k_base
// Texts come from C headers under /usr/include, translated man pages (Japanese, Korean,
// Russian, German, French, Polish, ...), the Node.js docs, and texts built here around
// what tokenisers get wrong: emoji sequences, CRLF, whitespace and digit runs, combining
// marks, contractions, special-token look-alikes and pieces long enough to need the
// merge heap. Chunks are 100-3000 UTF-8 bytes, cut at line ends. A fixed seed picks them,
// so re-running on the same machine gives the same files.
// The tiktoken package comes from $TIKTOKEN_DIR, else from `tools/fetch-assets`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../..');
const outDir = join(here, 'tiktoken');
const MinBytes = 100;
const MaxBytes = 3000;

function tiktokenDir() {
    if (process.env.TIKTOKEN_DIR)
        return process.env.TIKTOKEN_DIR;
    const prefix = execFileSync(join(repo, 'tools/fetch-assets'), { encoding: 'utf8' }).trim();
    return join(prefix, 'node_modules/tiktoken');
}

// mulberry32: small, seeded, the same everywhere.
let seed = 0x5167a1;
function random() {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];
// Log-uniform, so short and long chunks are equally common.
const targetBytes = () => Math.round(MinBytes * Math.pow(MaxBytes / MinBytes, random()));
const utf8Length = (text) => Buffer.byteLength(text, 'utf8');

function walk(dir, accept, out = []) {
    let entries;
    try {
        entries = readdirSync(dir, { withFileTypes: true });
    } catch {
        return out;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        const full = join(dir, entry.name);
        if (entry.isDirectory())
            walk(full, accept, out);
        else if (entry.isFile() && accept(entry.name))
            out.push(full);
    }
    return out;
}

function readText(path) {
    let bytes = readFileSync(path);
    if (path.endsWith('.gz'))
        bytes = gunzipSync(bytes);
    return new TextDecoder('utf-8').decode(bytes);
}

// Whole lines from a random line on, until the chunk reaches its target size; lines longer
// than the maximum are cut (at a code point) so every chunk stays within 100-3000 bytes.
function chunkFrom(text) {
    const lines = text.split(/(?<=\n)/);
    if (lines.length === 0)
        return null;
    const target = targetBytes();
    let line = Math.floor(random() * lines.length);
    let chunk = '';
    while (line < lines.length && utf8Length(chunk) < target)
        chunk += lines[line++];
    while (utf8Length(chunk) > MaxBytes)
        chunk = Array.from(chunk).slice(0, -Math.max(1, Math.floor(chunk.length / 10))).join('');
    return utf8Length(chunk) >= MinBytes ? chunk : null;
}

function chunksFromFiles(files, wanted, label) {
    const out = [];
    for (let attempts = 0; out.length < wanted && attempts < wanted * 20 && files.length; ++attempts) {
        const file = pick(files);
        const text = readText(file);
        const chunk = chunkFrom(text);
        if (chunk && !chunk.includes('\ufffd'))
            out.push({ source: `${label}:${file}`, text: chunk });
    }
    return out;
}

// Texts built around the corner cases, each padded with real prose to 100+ bytes.
const emoji = ['😀', '👍🏽', '👩‍👩‍👧‍👦', '🏳️‍🌈', '🇫🇷', '🇯🇵', '1️⃣', '❤️', '🧑🏿‍💻', '🫠', '🐍', '✨', '🚀', '☕',
    '👨‍❤️‍💋‍👨', '🏴󠁧󠁢󠁳󠁣󠁴󠁿'];
const phrases = [
    'Ça coûte 12,50 € — très cher, déjà vu, naïve façade, Œuvre complète.',
    'Größenänderung: Straße, Fußgängerübergänge und Äpfel über Öl.',
    'Съешь же ещё этих мягких французских булок да выпей чаю.',
    'Привет, мир! Ёлка, ЪЫЬ, ГОСТ 7.79-2000; «кавычки» и „другие“.',
    '我能吞下玻璃而不伤身体。你好，世界！中文测试：编码、解码、分词。',
    '日本語のテキスト：ひらがな、カタカナ、漢字。ｶﾀｶﾅ半角も。',
    '한국어 문장입니다. 토큰화 테스트를 합니다.',
    'Ελληνικά: Ξεσκεπάζω την ψυχοφθόρα βδελυγμία.',
    'עברית: שלום עולם, מה שלומך?',
    'العربية: مرحبا بالعالم ١٢٣٤٥٦٧٨٩٠',
    'हिन्दी: नमस्ते दुनिया, यह एक परीक्षण है।',
    'ไทย: สวัสดีชาวโลก ภาษาไทยไม่มีช่องว่าง',
    "Contractions: I'm, you're, we've, they'll, he'd, it's, DON'T, WE'LL, She'S, o'clock, rock 'n' roll.",
    'Curly ’s and ’re: it’s, we’re; ʼs modifier; ſ long s with \'ſ.',
    'Special look-alikes: <|endoftext|> <|fim_prefix|> <|endofprompt|> <|im_start|>user<|im_end|>',
    'Combining: e\u0301 a\u0308 n\u0303 A\u030a; precomposed é ä ñ Å; Hangul jamo \u1100\u1161\u11a8.',
    'Numbers: 1234567890 3.14159265358979 0xDEADBEEF 1e-10 1,000,000 ١٢٣ ０１２３ ²³ ½ Ⅻ',
    'Mixed: camelCaseName snake_case_name SCREAMING_CASE kebab-case HTTPServer2Go iOS macOS',
    'Spaces: a\u00a0b\u2009c\u3000d\u202fe\u205ff\u1680g\u0085h\u2028i\u2029j\u180ek\u200bl\ufeffm',
];

function composed() {
    const out = [];
    const add = (source, text) => {
        while (utf8Length(text) < MinBytes)
            text += ' ' + pick(phrases);
        while (utf8Length(text) > MaxBytes)
            text = Array.from(text).slice(0, -10).join('');
        out.push({ source: `composed:${source}`, text });
    };
    for (const phrase of phrases)
        add('phrase', phrase);
    for (let i = 0; i < 30; ++i) {
        let text = '';
        const target = targetBytes();
        while (utf8Length(text) < target) {
            text += pick(phrases);
            text += pick([' ', '', '\n', '  ', '\t', '\r\n']);
            text += Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(emoji)).join(pick(['', ' ']));
            text += pick([' ', '\n', '\n\n', '  \n', '\r\n', '.', '!!', '']);
        }
        add('mixed', text);
    }
    for (let i = 0; i < 10; ++i) {
        let text = '';
        while (utf8Length(text) < targetBytes())
            text += pick(emoji) + pick(['', '', ' ', '\u200d', '\ufe0f', 'x', '1']);
        add('emoji', text);
    }
    for (let i = 0; i < 15; ++i) {
        let text = '';
        const target = targetBytes();
        while (utf8Length(text) < target) {
            text += pick(['word', 'x', '  ', '\t', '\n', '\r\n', ' \n', '\n \n', '\u3000', '\u00a0', '}', '// ', '    ']);
            text += ' '.repeat(Math.floor(random() * 40)) + '\t'.repeat(Math.floor(random() * 5));
            text += pick(['', '\n'.repeat(1 + Math.floor(random() * 6)), '\r\n'.repeat(1 + Math.floor(random() * 4))]);
        }
        add('whitespace', text);
    }
    for (let i = 0; i < 15; ++i) {
        let text = '';
        const target = targetBytes();
        while (utf8Length(text) < target) {
            const digits = Array.from({ length: 1 + Math.floor(random() * 30) }, () => Math.floor(random() * 10)).join('');
            text += digits + pick([' ', '', '.', ',', '\n', 'e', 'x', '-', 'px;', '０１', '١٢']);
        }
        add('digits', text);
    }
    // Long pieces: a run of letters (one regex piece, merged with the heap), symbols, spaces.
    const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéßжж中';
    for (let i = 0; i < 8; ++i) {
        const size = 200 + Math.floor(random() * 2600);
        let run = '';
        while (utf8Length(run) < size)
            run += letters[Math.floor(random() * letters.length)];
        add('long-letters', run);
    }
    add('long-symbols', '='.repeat(1500) + '\n' + '-*'.repeat(400) + '\n' + '/'.repeat(300));
    add('long-spaces', ' '.repeat(2000) + 'x' + '\t'.repeat(300) + '\n'.repeat(200) + ' y');
    add('long-repeats', 'a'.repeat(1000) + ' ' + 'ab'.repeat(500) + ' ' + 'ж'.repeat(400));
    return out;
}

function crlf(chunks, wanted) {
    const out = [];
    for (let i = 0; i < wanted; ++i) {
        const base = pick(chunks);
        const text = base.text.replace(/\r?\n/g, '\r\n');
        if (utf8Length(text) <= MaxBytes)
            out.push({ source: `crlf:${base.source}`, text });
    }
    return out;
}

const headers = walk('/usr/include', (name) => name.endsWith('.h'));
const manPages = ['ja', 'ko', 'ru', 'de', 'fr', 'pl', 'cs', 'tr', 'uk', 'zh_CN', 'zh_TW', 'es', 'pt_BR', 'sr', 'hu']
    .flatMap((lang) => walk(`/usr/share/man/${lang}`, (name) => name.endsWith('.gz')));
const nodeDocs = walk('/usr/share/doc/nodejs/api', (name) => name.endsWith('.md'));

const headerChunks = chunksFromFiles(headers, 650, 'header');
const manChunks = chunksFromFiles(manPages, 250, 'man');
const docChunks = chunksFromFiles(nodeDocs, 60, 'doc');
const chunks = [...headerChunks, ...manChunks, ...docChunks, ...crlf(headerChunks, 40), ...composed()];

const { get_encoding } = createRequire(import.meta.url)(join(tiktokenDir(), 'tiktoken.cjs'));
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'chunks.jsonl'), chunks.map((c) => JSON.stringify(c)).join('\n') + '\n');
for (const name of ['cl100k_base', 'o200k_base']) {
    const enc = get_encoding(name);
    const lines = chunks.map((c) => {
        const ids = enc.encode_ordinary(c.text);
        return `${ids.length}\t${Array.from(ids).join(' ')}`;
    });
    enc.free();
    writeFileSync(join(outDir, `${name}.tokens`), lines.join('\n') + '\n');
}
const sizes = chunks.map((c) => utf8Length(c.text));
console.log(`${chunks.length} chunks (${headerChunks.length} headers, ${manChunks.length} man pages, ` +
    `${docChunks.length} docs), ${Math.min(...sizes)}-${Math.max(...sizes)} bytes, ` +
    `${sizes.reduce((a, b) => a + b, 0)} bytes in all`);
for (const file of readdirSync(outDir))
    console.log(`${file}: ${statSync(join(outDir, file)).size} bytes`);
