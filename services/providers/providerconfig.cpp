#include "providers/providerconfig.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QStringList>

namespace aime {

using namespace std::chrono_literals;

QString ProviderConfig::environmentName(Provider provider)
{
    switch (provider) {
    case Provider::Spotify:
        return QStringLiteral("SPOTIFY");
    case Provider::Discogs:
        return QStringLiteral("DISCOGS");
    case Provider::MusicBrainz:
        return QStringLiteral("MUSICBRAINZ");
    case Provider::Llm:
        break;
    }
    return QStringLiteral("LLM");
}

QString ProviderConfig::displayName(Provider provider)
{
    switch (provider) {
    case Provider::Spotify:
        return QStringLiteral("Spotify");
    case Provider::Discogs:
        return QStringLiteral("Discogs");
    case Provider::MusicBrainz:
        return QStringLiteral("MusicBrainz");
    case Provider::Llm:
        break;
    }
    return QCoreApplication::translate("aime::ProviderConfig", "The AI endpoint");
}

GateLimits ProviderConfig::defaultLimits(Provider provider, bool authenticated)
{
    GateLimits limits;
    switch (provider) {
    case Provider::Spotify:
        // Spotify publishes no number; it is paced by its 429s and their Retry-After.
        limits.maxInFlight = 1;
        break;
    case Provider::Discogs:
        limits.maxInFlight = 5;
        limits.requestsPerWindow = authenticated ? 60 : 25;
        limits.window = 60s;
        limits.remainingHeader = QByteArrayLiteral("X-Discogs-Ratelimit-Remaining");
        break;
    case Provider::MusicBrainz:
        limits.maxInFlight = 1;
        limits.requestsPerWindow = 1;
        limits.window = 1s;
        break;
    case Provider::Llm:
        limits.maxInFlight = 2;
        limits.requestTimeout = 60s;
        limits.maxRetries = 1; // an answer takes long; retrying many times only multiplies that
        break;
    }
    return limits;
}

GateLimits ProviderConfig::limitsFromEnvironment(Provider provider,
                                                 const QProcessEnvironment &environment,
                                                 GateLimits base, QString *problem)
{
    QStringList problems;
    const QString prefix = QStringLiteral("AIME_") + environmentName(provider);
    const QString rateName = prefix + QStringLiteral("_RATE");
    if (environment.contains(rateName)) {
        const QString value = environment.value(rateName).trimmed();
        const QStringList parts = value.split(u'/');
        bool countOk = false;
        bool secondsOk = false;
        const int count = parts.value(0).toInt(&countOk);
        const double seconds = parts.value(1).toDouble(&secondsOk);
        if (parts.size() == 2 && countOk && secondsOk && count >= 0 && seconds > 0) {
            base.requestsPerWindow = count;
            base.window = std::chrono::milliseconds(qint64(seconds * 1000));
        } else {
            problems.append(
                QCoreApplication::translate("aime::ProviderConfig",
                                            "%1=\"%2\" is not N/S (requests per seconds); the "
                                            "default is used")
                    .arg(rateName, value));
        }
    }
    const QString inFlightName = prefix + QStringLiteral("_MAX_IN_FLIGHT");
    if (environment.contains(inFlightName)) {
        const QString value = environment.value(inFlightName).trimmed();
        bool ok = false;
        const int inFlight = value.toInt(&ok);
        if (ok && inFlight >= 1 && inFlight <= 64)
            base.maxInFlight = inFlight;
        else
            problems.append(QCoreApplication::translate(
                                "aime::ProviderConfig",
                                "%1=\"%2\" is not a number from 1 to 64; the default is "
                                "used")
                                .arg(inFlightName, value));
    }
    const QString timeoutName = prefix + QStringLiteral("_TIMEOUT_MS");
    if (environment.contains(timeoutName)) {
        const QString value = environment.value(timeoutName).trimmed();
        bool ok = false;
        const qint64 timeout = value.toLongLong(&ok);
        // A QTimer counts in an int; an hour is more than any one answer deserves.
        if (ok && timeout >= 100 && timeout <= 3600 * 1000)
            base.requestTimeout = std::chrono::milliseconds(timeout);
        else
            problems.append(
                QCoreApplication::translate("aime::ProviderConfig",
                                            "%1=\"%2\" is not a number of milliseconds from 100 "
                                            "to 3600000; the default is used")
                    .arg(timeoutName, value));
    }
    if (problem)
        *problem = problems.join(QLatin1String("; "));
    return base;
}

QString ProviderConfig::baseUrlProblem(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return QCoreApplication::translate("aime::ProviderConfig",
                                           "\"%1\" is not a URL with a host")
            .arg(url.toString());
    if (url.scheme() == QLatin1String("https"))
        return {};
    if (url.scheme() != QLatin1String("http"))
        return QCoreApplication::translate("aime::ProviderConfig",
                                           "\"%1\" must start with https://")
            .arg(url.toString());
    const QHostAddress address(url.host());
    const bool loopback
        = url.host() == QLatin1String("localhost") || (!address.isNull() && address.isLoopback());
    if (!loopback) {
        return QCoreApplication::translate(
                   "aime::ProviderConfig",
                   "\"%1\" uses plain http to another machine; use https (plain http "
                   "is accepted only for 127.0.0.1, ::1 and localhost)")
            .arg(url.toString());
    }
    return {};
}

ProviderEndpoints ProviderConfig::endpointsFromEnvironment(const QProcessEnvironment &environment,
                                                           ProviderEndpoints base, QString *problem)
{
    QStringList problems;
    const std::pair<const char *, QUrl *> variables[] = {
        {"AIME_SPOTIFY_API_URL", &base.spotifyApi},
        {"AIME_SPOTIFY_ACCOUNTS_URL", &base.spotifyAccounts},
        {"AIME_DISCOGS_API_URL", &base.discogsApi},
        {"AIME_MUSICBRAINZ_API_URL", &base.musicBrainzApi},
        {"AIME_COVERART_URL", &base.coverArt},
        {"AIME_LLM_URL", &base.llm},
    };
    for (const auto &[name, target] : variables) {
        const QString variable = QLatin1String(name);
        if (!environment.contains(variable))
            continue;
        QString text = environment.value(variable).trimmed();
        while (text.endsWith(u'/'))
            text.chop(1);
        const QUrl url(text, QUrl::StrictMode);
        const QString why = baseUrlProblem(url);
        if (why.isEmpty())
            *target = url;
        else
            problems.append(variable + QStringLiteral(": ") + why);
    }
    if (problem)
        *problem = problems.join(QLatin1String("; "));
    return base;
}

} // namespace aime
