// Static server for the SPA sample. No dependencies: node's http module only.
//
// It serves a fixed allow-list of files (never a directory), so no request path can reach any other file:
// "/spa/../package.json", "%2e%2e", "%2F" and the like are simply not in the list and get 404.
// It also serves /spa/config.json, built from environment variables, so tests can point the page at an
// identity provider and API on other ports without editing code.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const here = (relative) => fileURLToPath(new URL(relative, import.meta.url));

const port = Number.parseInt(process.env.PORT ?? "3000", 10);
const host = process.env.HOST ?? "127.0.0.1";

const config = Object.freeze({
    authority: process.env.SPA_AUTHORITY ?? "https://localhost:5443/organizations",
    // MSAL's knownAuthorities are host[:port] values; by default the authority's own host, so that MSAL trusts
    // it without instance discovery (which would call Microsoft's cloud).
    knownAuthorities: (process.env.SPA_KNOWN_AUTHORITIES ?? "").split(",").map((s) => s.trim()).filter(Boolean),
    clientId: process.env.SPA_CLIENT_ID ?? "33333333-3333-4333-8333-333333333333",
    apiBase: (process.env.SPA_API_BASE ?? "http://localhost:5080").replace(/\/+$/, ""),
    scope: process.env.SPA_SCOPE ?? "api://11111111-1111-4111-8111-111111111111/Account.Read",
    tenancy: process.env.SPA_TENANCY ?? "contoso",
    // Empty: the page uses its own origin + "/spa", i.e. http://localhost:3000/spa by default.
    redirectUri: process.env.SPA_REDIRECT_URI ?? "",
});
const authorityUrl = new URL(config.authority); // throws at start-up on a malformed value
const apiUrl = new URL(config.apiBase);
if (config.knownAuthorities.length === 0) config.knownAuthorities.push(authorityUrl.host);

// The page may talk to itself, the identity provider (discovery, keys, token endpoint) and the API; nothing else.
// Inline scripts and styles are not allowed.
const csp = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    `connect-src 'self' ${authorityUrl.origin} ${apiUrl.origin}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
].join("; ");

const files = new Map([
    ["/spa", { file: here("./public/index.html"), type: "text/html; charset=utf-8", noStore: true }],
    ["/spa/app.js", { file: here("./public/app.js"), type: "text/javascript; charset=utf-8" }],
    ["/spa/app.css", { file: here("./public/app.css"), type: "text/css; charset=utf-8" }],
    // The UMD build bundles msal-common and defines the global `msal`; see the comment in index.html.
    ["/spa/msal-browser.min.js", {
        file: here("./node_modules/@azure/msal-browser/lib/msal-browser.min.js"),
        type: "text/javascript; charset=utf-8",
    }],
]);

const commonHeaders = {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
};

function send(res, status, type, body, cache) {
    res.writeHead(status, {
        ...commonHeaders,
        "Content-Type": type,
        "Content-Length": Buffer.byteLength(body),
        "Cache-Control": cache,
    });
    res.end(res.req.method === "HEAD" ? undefined : body);
}

const server = createServer(async (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
        res.setHeader("Allow", "GET, HEAD");
        return send(res, 405, "text/plain; charset=utf-8", "Method Not Allowed\n", "no-store");
    }
    // Only the path is looked up, as sent (no decoding, no normalisation): the redirect back from the identity
    // provider arrives as /spa#code=... (fragment, never sent) or /spa?code=... (query, ignored here).
    const path = req.url.split("?", 1)[0];
    if (path === "/favicon.ico") return send(res, 204, "text/plain; charset=utf-8", "", "no-cache");
    if (path === "/spa/config.json") {
        return send(res, 200, "application/json; charset=utf-8", JSON.stringify(config), "no-store");
    }
    const entry = files.get(path);
    if (!entry) return send(res, 404, "text/plain; charset=utf-8", "Not Found\n", "no-store");
    try {
        const body = await readFile(entry.file);
        send(res, 200, entry.type, body, entry.noStore ? "no-store" : "no-cache");
    } catch (err) {
        console.error(`cannot read ${entry.file}: ${err.message}`);
        send(res, 500, "text/plain; charset=utf-8", "Internal Server Error\n", "no-store");
    }
});

server.listen(port, host, () => {
    const { port: actual } = server.address();
    console.log(`SPA sample listening on http://localhost:${actual}/spa`);
});

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
