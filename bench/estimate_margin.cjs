// How far EstimateTokenCounter (core/estimatetokencounter.cpp, replicated here) is from
// cl100k_base on 30-line pieces of local files. Runs on the host (node), not in the root:
//   node bench/estimate_margin.cjs "$(tools/fetch-assets)"
const { get_encoding } = require(process.argv[2] + '/node_modules/tiktoken');
const fs = require('fs'); const path = require('path');
const enc = get_encoding('cl100k_base');
function estimate(t) {
  const bytes = Buffer.byteLength(t, 'utf8');
  let pieces = 0, inWord = false;
  for (const ch of t) {
    const c = ch.codePointAt(0);
    if (c < 0x80) {
      const w = /[A-Za-z0-9_]/.test(ch);
      if (w && !inWord) pieces++; else if (!w && !/[ \t\n\r\f\v]/.test(ch)) pieces++;
      inWord = w;
    } else { inWord = false; if (!/\s/u.test(ch)) pieces++; }
  }
  return Math.max(Math.ceil(2 * bytes / 5), Math.ceil(13 * pieces / 10));
}
function walk(dir, out, limit) {
  let ents; try { ents = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
  for (const e of ents) {
    if (out.length >= limit) return;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out, limit); else if (e.isFile()) out.push(p);
  }
}
for (const [label, dir, re] of [['C/C++ headers', '/usr/include', /\.(h|hpp)$/], ['Python', '/usr/lib/python3', /\.py$/], ['English docs', '/usr/share/doc', /(README|copyright|\.md|\.txt)$/]]) {
  const files = []; walk(dir, files, 20000);
  const ratios = [];
  let n = 0;
  for (const f of files.filter(f => re.test(f)).slice(0, 400)) {
    let text; try { text = fs.readFileSync(f, 'utf8'); } catch { continue; }
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i += 30) {
      const piece = lines.slice(i, i + 30).join('\n');
      if (!piece.trim()) continue;
      const real = enc.encode(piece).length; if (real < 20) continue;
      ratios.push(estimate(piece) / real);
    }
  }
  ratios.sort((a, b) => a - b);
  const q = p => ratios[Math.floor(p * (ratios.length - 1))].toFixed(2);
  console.log(`${label}: ${ratios.length} pieces of 30 lines, estimate/cl100k min ${q(0)} p1 ${q(0.01)} p5 ${q(0.05)} median ${q(0.5)} p95 ${q(0.95)}, under 1: ${(100*ratios.filter(r=>r<1).length/ratios.length).toFixed(2)}%`);
}
