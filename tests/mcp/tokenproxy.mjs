// Forwards every request to signalhub-cli mcp --http with the bearer token added, and nothing
// else changed (Host and Origin pass as sent): the conformance suite has no way to send a
// token, and our server refuses requests without one.
// Usage: node tokenproxy.mjs TARGET_PORT TOKEN_FILE; prints the port it listens on.
import http from 'node:http';
import { readFileSync } from 'node:fs';

const [targetPort, tokenFile] = process.argv.slice(2);
const token = readFileSync(tokenFile, 'utf8').trim();

const proxy = http.createServer((request, response) => {
    const upstream = http.request({
        host: '127.0.0.1',
        port: Number(targetPort),
        method: request.method,
        path: request.url,
        headers: { ...request.headers, authorization: `Bearer ${token}` },
    }, (answer) => {
        response.writeHead(answer.statusCode, answer.headers);
        answer.pipe(response);
    });
    upstream.on('error', (error) => {
        response.writeHead(502);
        response.end(String(error));
    });
    request.pipe(upstream);
});
proxy.listen(0, '127.0.0.1', () => console.log(proxy.address().port));
