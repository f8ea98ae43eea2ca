// aime-fake-providers: every fake provider server as one program, so a person can try AIME (or
// aime-cli, or another client) without accounts or network. It prints one KEY=VALUE line per
// environment variable that points AIME at it, then READY, and serves until stopped.
#include "fakecoverart.h"
#include "fakediscogs.h"
#include "fakellm.h"
#include "fakemusicbrainz.h"
#include "fakespotify.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QMap>
#include <QTextStream>

#include <chrono>
#include <optional>

using namespace aime::fakes;

namespace {

struct FaultSpec
{
    QString provider;
    Fault fault;
    int count = 1;
    int retryAfterSeconds = -1;
};

// PROVIDER:KIND[:COUNT], e.g. discogs:500:3 or spotify:429-retry-after-2.
std::optional<FaultSpec> parseFault(const QString &text)
{
    const QStringList parts = text.split(u':');
    if (parts.size() < 2 || parts.size() > 3)
        return std::nullopt;
    FaultSpec spec;
    spec.provider = parts.at(0).toLower();
    static const QStringList providers {QStringLiteral("spotify"), QStringLiteral("discogs"),
                                        QStringLiteral("musicbrainz"), QStringLiteral("coverart"),
                                        QStringLiteral("llm")};
    if (!providers.contains(spec.provider))
        return std::nullopt;
    const QString kind = parts.at(1).toLower();
    static const QMap<QString, Fault> kinds {
        {QStringLiteral("500"), Fault::Status500},
        {QStringLiteral("404"), Fault::Status404},
        {QStringLiteral("429"), Fault::Status429},
        {QStringLiteral("503"), Fault::Status503},
        {QStringLiteral("hang"), Fault::Hang},
        {QStringLiteral("truncated"), Fault::Truncated},
        {QStringLiteral("reset"), Fault::Reset},
        {QStringLiteral("malformed"), Fault::MalformedJson},
        {QStringLiteral("empty"), Fault::EmptyBody},
    };
    QString base = kind;
    if (kind.startsWith(QLatin1String("429-retry-after-"))
        || kind.startsWith(QLatin1String("503-retry-after-"))) {
        bool ok = false;
        spec.retryAfterSeconds = kind.section(u'-', 3).toInt(&ok);
        if (!ok || spec.retryAfterSeconds < 0)
            return std::nullopt;
        base = kind.left(3);
    }
    if (!kinds.contains(base))
        return std::nullopt;
    spec.fault = kinds.value(base);
    if (parts.size() == 3) {
        bool ok = false;
        spec.count = parts.at(2).toInt(&ok);
        if (!ok || spec.count < 1)
            return std::nullopt;
    }
    return spec;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("aime-fake-providers"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AIME_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Fake Spotify, Discogs, MusicBrainz, Cover Art Archive and LLM servers on 127.0.0.1 with "
        "a generated catalogue, for trying AIME without accounts or network. Prints the "
        "environment to use (eval it or paste it), then READY.\n\n"
        "Faults: --fault PROVIDER:KIND[:COUNT], PROVIDER one of spotify, discogs, musicbrainz, "
        "coverart, llm; KIND one of 500, 404, 429, 503, 429-retry-after-S, 503-retry-after-S, "
        "hang, "
        "truncated, reset, malformed, empty. The next COUNT (default 1) requests get it."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("port"),
         QStringLiteral("First port: Spotify N, Discogs N+1, MusicBrainz N+2, Cover Art N+3, "
                        "LLM N+4 (default: free ports)."),
         QStringLiteral("N"), QStringLiteral("0")},
        {QStringLiteral("albums"), QStringLiteral("Albums in each catalogue, 10 to 100000."),
         QStringLiteral("K"), QStringLiteral("500")},
        {QStringLiteral("latency"), QStringLiteral("Delay every answer by MS milliseconds."),
         QStringLiteral("MS"), QStringLiteral("0")},
        {QStringLiteral("strict-rate"),
         QStringLiteral("Answer 429 beyond Discogs' real limit (60 in any 60 s); MusicBrainz is "
                        "always strict (1 per second, then 503).")},
        {QStringLiteral("fault"), QStringLiteral("Inject a fault (repeatable, see above)."),
         QStringLiteral("PROVIDER:KIND[:COUNT]")},
    });
    parser.process(app);

    bool portOk = false;
    bool albumsOk = false;
    bool latencyOk = false;
    const uint port = parser.value(QStringLiteral("port")).toUInt(&portOk);
    const int albums = parser.value(QStringLiteral("albums")).toInt(&albumsOk);
    const int latency = parser.value(QStringLiteral("latency")).toInt(&latencyOk);
    QTextStream err(stderr);
    if (!portOk || port > 65535 - 4 || !albumsOk || albums < 10 || albums > 100000 || !latencyOk
        || latency < 0) {
        err << "aime-fake-providers: --port must be 0-65531, --albums 10-100000, --latency >= 0"
            << Qt::endl;
        return 2;
    }
    QList<FaultSpec> faults;
    for (const QString &text : parser.values(QStringLiteral("fault"))) {
        const std::optional<FaultSpec> spec = parseFault(text);
        if (!spec) {
            err << "aime-fake-providers: cannot read --fault " << text << " (see --help)"
                << Qt::endl;
            return 2;
        }
        faults.append(*spec);
    }

    FakeSpotifyOptions spotifyOptions;
    spotifyOptions.albumCount = albums;
    FakeSpotify spotify(spotifyOptions);
    FakeDiscogs discogs({.albumCount = albums});
    FakeMusicBrainzOptions musicBrainzOptions;
    musicBrainzOptions.albumCount = albums;
    FakeMusicBrainz musicBrainz(musicBrainzOptions);
    FakeCoverArtOptions coverArtOptions;
    coverArtOptions.albumCount = albums;
    FakeCoverArt coverArt(coverArtOptions);
    FakeLlm llm;

    const QMap<QString, FakeServer *> servers {
        {QStringLiteral("spotify"), &spotify.server()},
        {QStringLiteral("discogs"), &discogs.server()},
        {QStringLiteral("musicbrainz"), &musicBrainz.server()},
        {QStringLiteral("coverart"), &coverArt.server()},
        {QStringLiteral("llm"), &llm.server()},
    };
    for (FakeServer *server : servers)
        server->setLatency(std::chrono::milliseconds(latency));
    if (parser.isSet(QStringLiteral("strict-rate")))
        discogs.server().setRateLimit(FakeDiscogs::AuthenticatedLimit, std::chrono::seconds(60));
    for (const FaultSpec &spec : faults)
        servers.value(spec.provider)->failNext(spec.fault, spec.count, spec.retryAfterSeconds);

    const auto portFor = [port](int offset) { return quint16(port == 0 ? 0 : port + offset); };
    const bool listening = spotify.listen(portFor(0)) && discogs.listen(portFor(1))
        && musicBrainz.listen(portFor(2)) && coverArt.listen(portFor(3)) && llm.listen(portFor(4));
    if (!listening) {
        err << "aime-fake-providers: cannot listen on 127.0.0.1 ports " << port << "-" << port + 4
            << Qt::endl;
        return 2;
    }
    QTextStream out(stdout);
    out << "AIME_SPOTIFY_API_URL=" << spotify.apiUrl().toString() << '\n'
        << "AIME_SPOTIFY_ACCOUNTS_URL=" << spotify.accountsUrl().toString() << '\n'
        << "AIME_SPOTIFY_CLIENT_ID=" << spotify.clientId() << '\n'
        << "AIME_SPOTIFY_CLIENT_SECRET=" << spotify.clientSecret() << '\n'
        << "AIME_DISCOGS_API_URL=" << discogs.baseUrl().toString() << '\n'
        << "AIME_DISCOGS_TOKEN=" << discogs.token() << '\n'
        << "AIME_DISCOGS_USER=" << discogs.username() << '\n'
        << "AIME_MUSICBRAINZ_API_URL=" << musicBrainz.apiUrl().toString() << '\n'
        << "AIME_COVERART_URL=" << coverArt.baseUrl().toString() << '\n'
        << "AIME_LLM_URL=" << llm.apiUrl().toString() << '\n'
        << "READY" << Qt::endl;
    return app.exec();
}
