// The official MCP TypeScript SDK's client against signalhub-cli mcp, over stdio and over
// Streamable HTTP: what an agent (Claude Code, Cursor, ...) does, checked end to end. The SDK
// validates each structuredContent against the tool's outputSchema.
// Environment: SIGNALHUB_CLI, SIGNALHUB_DB, CORPUS (an indexed folder), TOKEN_FILE.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const cli = process.env.SIGNALHUB_CLI;
const db = process.env.SIGNALHUB_DB;
const corpus = process.env.CORPUS;

function newClient() {
    return new Client({ name: 'signalhub-tests', version: '1.0.0' });
}

async function search(client, args) {
    const result = await client.callTool({ name: 'search_code', arguments: args });
    assert.equal(result.isError, false, JSON.stringify(result));
    return result;
}

async function toolsAnswer(client) {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(),
        ['index_status', 'read_lines', 'reindex', 'search_code']);
    for (const tool of tools) {
        assert.equal(tool.inputSchema.type, 'object', tool.name);
        assert.equal(tool.outputSchema.type, 'object', tool.name);
    }

    const found = await search(client, { query: 'parse a JSON string literal', limit: 3 });
    const top = found.structuredContent.results[0];
    assert.match(top.path, /json\.cpp$/);
    assert.match(top.snippet, /parseJsonString/);
    assert.match(found.content[0].text, /json\.cpp:1-\d+ {2}score/);

    const byWords = await search(client, { query: 'parse_json_string', mode: 'keyword' });
    assert.match(byWords.structuredContent.results[0].path, /json\.cpp$/);
    const filtered = await search(client, { query: 'socket', path: '*.cpp' });
    assert.ok(filtered.structuredContent.results.every((r) => r.path.endsWith('.cpp')));

    const lines = await client.callTool({
        name: 'read_lines', arguments: { path: 'json.cpp', start_line: 2, end_line: 2 } });
    assert.equal(lines.structuredContent.text, 'std::string parseJsonString(const char *input) {');

    // However large the hits, the answer stays within an agent's budget.
    const big = await search(client, { query: 'generated table entry', limit: 50 });
    assert.ok(JSON.stringify(big).length < 100_000, `answer of ${JSON.stringify(big).length} bytes`);

    for (const [name, args, message] of [
        ['search_code', { query: 'x', limit: 51 }, /limit must be a whole number from 1 to 50/],
        ['search_code', { query: '' }, /query must be a non-empty string/],
        ['search_code', { query: 'x', mode: 'fuzzy' }, /mode must be hybrid, vector or keyword/],
        ['read_lines', { path: '/etc/passwd', start_line: 1 }, /not inside an indexed folder/],
        ['read_lines', { path: 'json.cpp', start_line: 100 }, /has 6 lines/],
    ]) {
        const refused = await client.callTool({ name, arguments: args });
        assert.equal(refused.isError, true, name);
        assert.match(refused.content[0].text, message);
    }
    await assert.rejects(client.callTool({ name: 'no_such_tool', arguments: {} }),
        (error) => error.code === -32602);

    const status = await client.callTool({ name: 'index_status', arguments: {} });
    assert.equal(status.structuredContent.folders[0].path, corpus);
    assert.ok(status.structuredContent.folders[0].stored > 0);
    return status;
}

async function overStdio() {
    const transport = new StdioClientTransport({
        command: cli, args: ['mcp', '--db', db, '--watch', corpus], stderr: 'inherit' });
    const client = newClient();
    await client.connect(transport);
    assert.equal(client.getServerVersion().name, 'signalhub');
    const status = await toolsAnswer(client);
    assert.equal(status.structuredContent.folders[0].watched, true);

    // Saved, then asked at once: the answer has the new text, or says it is not in yet.
    writeFileSync(`${corpus}/fresh.go`,
        'package fresh\n\n// zanzibarQuokkaHandler answers the quokka.\nfunc zanzibarQuokkaHandler() {}\n');
    const fresh = await search(client, { query: 'zanzibar quokka handler', mode: 'keyword' });
    const paths = fresh.structuredContent.results.map((r) => r.path);
    const pending = fresh.structuredContent.pending_paths;
    assert.ok(paths.some((p) => p.endsWith('fresh.go')) || pending.some((p) => p.endsWith('fresh.go')),
        JSON.stringify(fresh.structuredContent));
    console.log(`stdio: fresh.go ${paths.some((p) => p.endsWith('fresh.go')) ? 'found' : 'pending'} at once`);
    await client.close();
}

async function overHttp() {
    const server = spawn(cli, ['mcp', '--db', db, '--http', '0'], { stdio: ['ignore', 'inherit', 'pipe'] });
    const url = await new Promise((resolve, reject) => {
        let seen = '';
        server.stderr.on('data', (data) => {
            process.stderr.write(data);
            seen += data;
            const match = seen.match(/http:\/\/127\.0\.0\.1:\d+\/mcp/);
            if (match)
                resolve(match[0]);
        });
        server.on('exit', (code) => reject(new Error(`the server ended with ${code}`)));
    });
    try {
        const token = readFileSync(process.env.TOKEN_FILE, 'utf8').trim();
        const client = newClient();
        await client.connect(new StreamableHTTPClientTransport(new URL(url),
            { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
        assert.equal(client.getServerVersion().name, 'signalhub');
        await toolsAnswer(client);

        // A link inside the folder does not lead out of it.
        symlinkSync('/etc', `${corpus}/escape`);
        const escaped = await client.callTool({
            name: 'read_lines', arguments: { path: 'escape/passwd', start_line: 1 } });
        assert.equal(escaped.isError, true);
        assert.match(escaped.content[0].text, /not inside an indexed folder/);

        // Nobody watches here: reindex brings a change in, and index_status says when.
        appendFileSync(`${corpus}/net.py`, '\ndef udp_multicast_beacon():\n    return 7\n');
        const queued = await client.callTool({ name: 'reindex', arguments: { path: 'net.py' } });
        assert.equal(queued.structuredContent.queued, true);
        assert.match(queued.structuredContent.path, /net\.py$/);
        let status;
        for (let i = 0; i < 100; ++i) { // at most ~10 s
            status = (await client.callTool({ name: 'index_status', arguments: {} })).structuredContent;
            if (status.reindexing.length === 0 && status.running.length === 0)
                break;
            await sleep(100);
        }
        assert.deepEqual(status.reindexing, [], JSON.stringify(status));
        const beacon = await search(client, { query: 'udp multicast beacon', mode: 'keyword' });
        assert.match(beacon.structuredContent.results[0].path, /net\.py$/);
        const outside = await client.callTool({ name: 'reindex', arguments: { path: '/etc' } });
        assert.equal(outside.isError, true);
        await client.close();

        const stranger = newClient();
        await assert.rejects(stranger.connect(new StreamableHTTPClientTransport(new URL(url),
            { requestInit: { headers: { Authorization: 'Bearer wrong' } } })));
        console.log('http: answered with the token, refused without');
    } finally {
        server.kill('SIGTERM');
    }
}

await overStdio();
await overHttp();
console.log('the SDK client passed');
