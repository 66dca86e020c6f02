// AccountApi SPA sample: sign in with MSAL Browser (authorization code + PKCE, public client), call
// GET {api}/account/me cross-origin with a bearer token and an X-Tenant-ID header, refresh the token, sign out.
// Loaded as a classic deferred script after /spa/msal-browser.min.js, which defines the global `msal`.
"use strict";

(async () => {
    const $ = (id) => document.getElementById(id);
    const show = (id, text) => { $(id).textContent = text ?? ""; };
    const setStatus = (text) => show("status", text);

    // MSAL errors carry errorCode + errorMessage; anything else (e.g. a fetch TypeError when CORS fails) name + message.
    function showError(err) {
        console.error(err);
        show("error", err?.errorCode ? `${err.errorCode}: ${err.errorMessage}` : `${err?.name ?? "Error"}: ${err?.message ?? err}`);
    }

    // Last 8 hex digits of the token's SHA-256: enough to see that it changed, useless to anyone who reads it.
    async function fingerprint(token) {
        const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
        return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("").slice(-8);
    }

    // Runs one button's action: clears the previous outcome first, so a test can wait for the new one.
    function action(id, outputs, run) {
        $(id).addEventListener("click", async () => {
            for (const out of ["error", ...outputs]) show(out, "");
            setStatus("busy");
            try {
                await run();
            } catch (err) {
                showError(err);
            } finally {
                setStatus("ready");
            }
        });
    }

    let config, pca;
    try {
        const response = await fetch("/spa/config.json", { cache: "no-store" });
        if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
        config = await response.json();

        pca = new msal.PublicClientApplication({
            auth: {
                clientId: config.clientId,
                authority: config.authority,
                // A local authority is not known to Microsoft's instance discovery (which is not reachable here):
                // listing it here makes MSAL trust it and read its /v2.0/.well-known/openid-configuration instead.
                knownAuthorities: config.knownAuthorities,
                redirectUri: config.redirectUri || `${location.origin}/spa`,
                postLogoutRedirectUri: config.redirectUri || `${location.origin}/spa`,
            },
            cache: { cacheLocation: msal.BrowserCacheLocation.SessionStorage },
            system: {
                loggerOptions: {
                    logLevel: msal.LogLevel.Warning,
                    piiLoggingEnabled: false,
                    loggerCallback: (level, message) => (level === msal.LogLevel.Error ? console.error : console.warn)(message),
                },
            },
        });
        await pca.initialize();
        $("tenancy").value = config.tenancy;
    } catch (err) {
        showError(err);
        setStatus("failed");
        return;
    }

    try {
        // On the way back from the identity provider this redeems the code; on any other load it resolves to null.
        // A failure here (e.g. a refused code or a bad id_token) is shown, and the page stays usable.
        const result = await pca.handleRedirectPromise();
        if (result?.account) pca.setActiveAccount(result.account);
        if (result?.accessToken) show("token-fingerprint", await fingerprint(result.accessToken));
    } catch (err) {
        showError(err);
    }
    if (!pca.getActiveAccount() && pca.getAllAccounts().length > 0) pca.setActiveAccount(pca.getAllAccounts()[0]);

    const account = pca.getActiveAccount();
    show("account-name", account?.username ?? "");
    $("sign-in").disabled = !!account;
    for (const id of ["sign-out", "get-account", "refresh"]) $(id).disabled = !account;

    const tokenRequest = () => ({ scopes: [config.scope], account: pca.getActiveAccount() });

    // Scopes of the API at sign-in, so the first call needs no second round-trip; MSAL adds openid profile offline_access.
    action("sign-in", [], () => pca.loginRedirect({ scopes: [config.scope] }));

    action("sign-out", [], () => pca.logoutRedirect({ account: pca.getActiveAccount() }));

    // A real app would fall back to acquireTokenRedirect on InteractionRequiredAuthError; the sample shows the error.
    action("get-account", ["api-status", "api-error", "api-www-authenticate", "result"], async () => {
        const { accessToken } = await pca.acquireTokenSilent(tokenRequest());
        show("token-fingerprint", await fingerprint(accessToken));
        const response = await fetch(`${config.apiBase}/account/me`, {
            headers: { Authorization: `Bearer ${accessToken}`, "X-Tenant-ID": $("tenancy").value.trim() },
            cache: "no-store",
        });
        const text = await response.text();
        let body = null;
        try { body = JSON.parse(text); } catch { /* not JSON: shown as text */ }
        show("api-status", String(response.status));
        // Readable cross-origin only if the API lists it in Access-Control-Expose-Headers.
        show("api-www-authenticate", response.headers.get("WWW-Authenticate") ?? "");
        if (!response.ok) show("api-error", body?.error ?? "");
        show("result", body ? JSON.stringify(body, null, 2) : text);
    });

    action("refresh", ["previous-token-fingerprint", "token-fingerprint", "token-changed"], async () => {
        const before = await pca.acquireTokenSilent(tokenRequest());
        show("previous-token-fingerprint", await fingerprint(before.accessToken));
        // forceRefresh skips the cached access token and redeems the refresh token at the token endpoint.
        const after = await pca.acquireTokenSilent({ ...tokenRequest(), forceRefresh: true });
        show("token-fingerprint", await fingerprint(after.accessToken));
        show("token-changed", before.accessToken === after.accessToken ? "no" : "yes");
    });

    setStatus("ready");
})();
