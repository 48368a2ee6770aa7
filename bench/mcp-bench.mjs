// Warm search_code round trips through the official MCP SDK client over stdio, against the
// transport's own floor (ping) measured in the same run, interleaved.
// Environment: SIGNALHUB_CLI; arguments: the server's arguments after `mcp`.
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

// Questions an agent asks, and identifiers it looks for.
const words = ['checksum of a block', 'return the larger value', 'static int overflow',
    'compare two strings ignoring case', 'open a file for reading', 'mutex lock and unlock',
    'convert a string to an integer', 'network socket connect timeout', 'QAbstractItemModel',
    'thread pool', 'allocate aligned memory', 'parse_json_string', 'signal handler',
    'bit mask', 'xor with constant', 'multiply and add'];
const client = new Client({ name: 'signalhub-bench', version: '1.0.0' });
await client.connect(new StdioClientTransport({
    command: process.env.SIGNALHUB_CLI, args: ['mcp', ...process.argv.slice(2)], stderr: 'inherit' }));

const percentile = (values, p) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
};
async function timed(call) {
    const start = performance.now();
    const result = await call();
    return [performance.now() - start, result];
}

const first = await timed(() => client.callTool({ name: 'search_code', arguments: { query: 'warm up' } }));
for (let i = 0; i < 20; ++i)
    await client.callTool({ name: 'search_code', arguments: { query: words[i % words.length] } });
const modes = ['hybrid', 'vector', 'keyword'];
const times = { hybrid: [], vector: [], keyword: [] }, ping = [];
let bytes = 0;
for (let i = 0; i < 200; ++i) {
    for (const mode of modes) {
        const [ms, result] = await timed(() => client.callTool({ name: 'search_code',
            arguments: { query: `${words[i % words.length]} ${i}`, limit: 10, mode } }));
        if (result.isError)
            throw new Error(result.content[0].text);
        times[mode].push(ms);
        if (mode === 'hybrid')
            bytes += JSON.stringify(result).length;
    }
    ping.push((await timed(() => client.ping()))[0]);
}
await client.close();
const search = times.hybrid;
const row = (name, values) => `| ${name} | ${percentile(values, 0.5).toFixed(1)} | ${percentile(values, 0.95).toFixed(1)} |`;
console.log(`first search_code (loads the vectors): ${first[0].toFixed(0)} ms`);
console.log('| 200 calls of each, interleaved | p50 ms | p95 ms |\n| --- | ---: | ---: |');
for (const mode of modes)
    console.log(row(`search_code, k = 10, ${mode}`, times[mode]));
console.log(row('ping (the transport floor)', ping));
console.log(`search_code p95 ÷ ping p95: ${(percentile(search, 0.95) / percentile(ping, 0.95)).toFixed(1)}; ` +
    `mean answer ${(bytes / 200 / 1024).toFixed(1)} KiB`);
