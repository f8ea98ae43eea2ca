#pragma once

#include <QByteArray>

namespace aime {

// Proof Key for Code Exchange (RFC 7636) with the S256 method, as Spotify's Authorization Code
// flow requires (PROVIDERS.md section 1.3): the verifier stays in AIME, only its hash travels
// through the browser.
class Pkce
{
public:
    Pkce() = delete;

    static constexpr int MinVerifierLength = 43;
    static constexpr int MaxVerifierLength = 128;

    // `length` characters from [A-Za-z0-9-._~], drawn from the system's secure source; the
    // length is clamped to 43..128.
    static QByteArray generateVerifier(int length = 64);
    // base64url(SHA-256(verifier)) without '=' padding.
    static QByteArray challenge(const QByteArray &verifier);
    // An unguessable value for the OAuth "state" parameter (base64url, 32 random bytes).
    static QByteArray generateState();
};

} // namespace aime
