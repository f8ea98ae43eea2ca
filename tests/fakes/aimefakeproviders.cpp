// aime-fake-providers: the fake provider servers as one program, so a person can try AIME (or
// aime-cli, or another Discogs client) without accounts or network. It prints one KEY=VALUE line
// per environment variable that points AIME at it, then READY, and serves until stopped.
// So far it fakes Discogs; the other providers follow with their clients.
#include "fakediscogs.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <chrono>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("aime-fake-providers"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AIME_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Fake Discogs API on 127.0.0.1 with a generated collection, for trying "
                       "AIME without accounts. Prints the environment to use, then READY."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("port"), QStringLiteral("Port of the fake Discogs (default: a free one)."),
         QStringLiteral("N"), QStringLiteral("0")},
        {QStringLiteral("albums"), QStringLiteral("Albums in the collection, 10 to 100000."),
         QStringLiteral("K"), QStringLiteral("500")},
        {QStringLiteral("latency"), QStringLiteral("Delay every answer by MS milliseconds."),
         QStringLiteral("MS"), QStringLiteral("0")},
        {QStringLiteral("strict-rate"),
         QStringLiteral("Answer 429 beyond Discogs' real limit (60 in any 60 s).")},
    });
    parser.process(app);

    bool portOk = false;
    bool albumsOk = false;
    bool latencyOk = false;
    const uint port = parser.value(QStringLiteral("port")).toUInt(&portOk);
    const int albums = parser.value(QStringLiteral("albums")).toInt(&albumsOk);
    const int latency = parser.value(QStringLiteral("latency")).toInt(&latencyOk);
    QTextStream err(stderr);
    if (!portOk || port > 65535 || !albumsOk || albums < 10 || albums > 100000 || !latencyOk
        || latency < 0) {
        err << "aime-fake-providers: --port must be 0-65535, --albums 10-100000, --latency >= 0"
            << Qt::endl;
        return 2;
    }

    aime::fakes::FakeDiscogs discogs({.albumCount = albums});
    discogs.server().setLatency(std::chrono::milliseconds(latency));
    if (parser.isSet(QStringLiteral("strict-rate")))
        discogs.server().setRateLimit(aime::fakes::FakeDiscogs::AuthenticatedLimit,
                                      std::chrono::seconds(60));
    if (!discogs.listen(quint16(port))) {
        err << "aime-fake-providers: cannot listen on 127.0.0.1:" << port << Qt::endl;
        return 2;
    }
    QTextStream out(stdout);
    out << "AIME_DISCOGS_API_URL=" << discogs.baseUrl().toString() << '\n'
        << "AIME_DISCOGS_TOKEN=" << discogs.token() << '\n'
        << "AIME_DISCOGS_USER=" << discogs.username() << '\n'
        << "READY" << Qt::endl;
    return app.exec();
}
