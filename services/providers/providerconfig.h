#pragma once

#include "providers/gatelimits.h"

#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

namespace aime {

enum class Provider { Spotify, Discogs, MusicBrainz, Llm };

// Where each provider is reached. Every base is the prefix PROVIDERS.md's paths follow: it ends
// in /v1 for Spotify's API and the LLM, in /ws/2 for MusicBrainz, and is the host root for
// Spotify accounts, Discogs and the Cover Art Archive.
struct ProviderEndpoints
{
    QUrl spotifyApi {QStringLiteral("https://api.spotify.com/v1")};
    QUrl spotifyAccounts {QStringLiteral("https://accounts.spotify.com")};
    QUrl discogsApi {QStringLiteral("https://api.discogs.com")};
    QUrl musicBrainzApi {QStringLiteral("https://musicbrainz.org/ws/2")};
    QUrl coverArt {QStringLiteral("https://coverartarchive.org")};
    QUrl llm {QStringLiteral("http://127.0.0.1:11434/v1")};
};

// Provider settings that do not depend on the UI: the published limits (DESIGN.md section 3),
// the base URLs, and their overrides from the environment (AIME_SPOTIFY_API_URL, ...,
// AIME_<PROVIDER>_RATE=N/S, AIME_<PROVIDER>_MAX_IN_FLIGHT) for scripts, tests and fakes.
class ProviderConfig
{
public:
    static QString environmentName(Provider provider); // SPOTIFY, DISCOGS, MUSICBRAINZ, LLM
    static QString displayName(Provider provider);

    // Discogs allows 60 requests a minute with a token and 25 without.
    static GateLimits defaultLimits(Provider provider, bool authenticated = true);
    // base with AIME_<PROVIDER>_RATE and _MAX_IN_FLIGHT applied; a malformed value is ignored
    // and described in *problem.
    static GateLimits limitsFromEnvironment(Provider provider,
                                            const QProcessEnvironment &environment, GateLimits base,
                                            QString *problem = nullptr);

    // The AIME_*_URL variables applied over base; malformed or refused URLs are left out and
    // described in *problem.
    static ProviderEndpoints endpointsFromEnvironment(const QProcessEnvironment &environment,
                                                      ProviderEndpoints base = {},
                                                      QString *problem = nullptr);
    // Empty when url may be used as a base URL; otherwise why not. Plain http is accepted only
    // for loopback addresses, so credentials never cross a network in clear text.
    static QString baseUrlProblem(const QUrl &url);
};

} // namespace aime
