#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <chrono>

namespace aime {

// How long Search Online waits (DESIGN.md section 3).
struct SearchTimeouts
{
    std::chrono::milliseconds provider {10000}; // each online provider
    std::chrono::milliseconds local {5000}; // the collection's full-text index
    std::chrono::milliseconds total {30000}; // the whole search
};

// Search Online's settings: the order of preference of the online providers (QSettings
// "search/providerOrder"), and the timeouts, which AIME_SEARCH_PROVIDER_TIMEOUT_MS,
// AIME_SEARCH_LOCAL_TIMEOUT_MS and AIME_SEARCH_TIMEOUT_MS override (Preferences > Advanced
// keeps them under those names, as ProviderSettings does; tests scale them down).
class SearchSettings
{
public:
    static constexpr auto providerTimeoutVariable = "AIME_SEARCH_PROVIDER_TIMEOUT_MS";
    static constexpr auto localTimeoutVariable = "AIME_SEARCH_LOCAL_TIMEOUT_MS";
    static constexpr auto totalTimeoutVariable = "AIME_SEARCH_TIMEOUT_MS";

    // Online providers, preferred first: it orders the providers a merged result lists and says
    // whose details "Add to collection" fetches. Unknown names are dropped and missing ones
    // appended, so the list always names each online provider once.
    static QStringList providerOrder();
    static void setProviderOrder(const QStringList &order);
    static QStringList normalisedOrder(const QStringList &order);

    // A malformed or non-positive value is ignored and described in *problem.
    static SearchTimeouts timeoutsFromEnvironment(const QProcessEnvironment &environment,
                                                  QString *problem = nullptr);
};

} // namespace aime
