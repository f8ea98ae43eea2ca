#pragma once

#include <QByteArray>

#include <chrono>

namespace aime {

// How a ProviderGate paces one provider (DESIGN.md section 3 gives the defaults per provider).
struct GateLimits
{
    int maxInFlight = 1;
    int requestsPerWindow = 0; // 0: no rate limit of our own (the provider's 429s still count)
    std::chrono::milliseconds window {1000};
    std::chrono::milliseconds requestTimeout {10000}; // the whole request, not just silence
    int maxRetries = 4; // 5xx and network errors
    int maxRateLimitRetries = 8; // 429 and 503
    std::chrono::milliseconds initialBackoff {500};
    std::chrono::milliseconds maxBackoff {30000};
    QByteArray remainingHeader; // e.g. X-Discogs-Ratelimit-Remaining; 0 there pauses a window
};

} // namespace aime
