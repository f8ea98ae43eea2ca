#include "clisearchcommand.h"

#include "clicommands.h"
#include "core/workerpool.h"
#include "credentials/accountmanager.h"
#include "credentials/credentialstore.h"
#include "credentials/keychainbackend.h"
#include "providers/discogsclient.h"
#include "providers/musicbrainzclient.h"
#include "providers/providersettings.h"
#include "providers/spotifyclient.h"
#include "search/searchsession.h"
#include "search/searchsettings.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTextStream>
#include <QTimer>

namespace aime {

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

} // namespace

QString CliSearchCommand::usageError(const QString &query, const QStringList &providers,
                                     const QString &format)
{
    if (query.trimmed().isEmpty())
        return QStringLiteral("search needs words to look for, e.g. aime-cli search kind of blue");
    for (const QString &provider : providers) {
        if (!SearchProviders::all().contains(provider))
            return QStringLiteral("unknown provider \"%1\" (use %2)")
                .arg(provider, SearchProviders::all().join(u','));
    }
    if (!format.isEmpty() && format != QLatin1String("text") && format != QLatin1String("json"))
        return QStringLiteral("search --format must be text or json (got \"%1\")").arg(format);
    return {};
}

int CliSearchCommand::run(AlbumStore *store, const QString &query, const QStringList &providers,
                          bool json)
{
    QString problem;
    const ProviderEndpoints endpoints = ProviderSettings::configureProcess(&problem);
    if (!problem.isEmpty())
        err() << "aime-cli: " << problem << Qt::endl;
    const SearchTimeouts timeouts = SearchSettings::timeoutsFromEnvironment(
        QProcessEnvironment::systemEnvironment(), &problem);
    if (!problem.isEmpty())
        err() << "aime-cli: " << problem << Qt::endl;

    CliSearchCommand command(json);
    QNetworkAccessManager network;
    WorkerPool pool;
    SpotifyClient spotify(&network, &pool, endpoints.spotifyApi, endpoints.spotifyAccounts);
    DiscogsClient discogs(&network, &pool, endpoints.discogsApi);
    MusicBrainzClient musicBrainz(&network, &pool, endpoints.musicBrainzApi, endpoints.coverArt);
    CredentialStore credentials(new KeychainBackend(QStringLiteral("AIME")));
    AccountManager accounts(&credentials, &spotify, &discogs, &musicBrainz);
    QObject::connect(&accounts, &AccountManager::problem, &command,
                     [](const QString &message) { err() << "aime-cli: " << message << Qt::endl; });

    // Local first, then the online providers in the order Preferences prefers.
    QStringList order {QLatin1String(SearchProviders::local)};
    order += SearchSettings::providerOrder();
    QStringList wanted;
    for (const QString &provider : std::as_const(order)) {
        if (providers.isEmpty() || providers.contains(provider))
            wanted.append(provider);
    }

    SearchSession session({store, &pool, &spotify, &discogs, &musicBrainz}, query, wanted,
                          timeouts);
    QObject::connect(&session, &SearchSession::providerChanged, &command,
                     [&](const ProviderResults &results) {
                         if (results.state != SearchState::Searching && !json)
                             command.printProvider(session, results.provider);
                     });
    QObject::connect(&session, &SearchSession::finished, &command,
                     [] { QTimer::singleShot(0, qApp, [] { QCoreApplication::exit(0); }); });
    // The keychain is read first: which providers are configured depends on it. A keychain
    // that never answers (a locked one waiting for a password nobody types) does not hold the
    // search back for longer than the search itself may take.
    QObject::connect(&accounts, &AccountManager::restored, &session, &SearchSession::start);
    QTimer::singleShot(timeouts.total, &session, [&] {
        if (!accounts.isRestored()) {
            err() << "aime-cli: the keychain did not answer; searching without its accounts"
                  << Qt::endl;
            session.start();
        }
    });
    QTimer::singleShot(0, &accounts, &AccountManager::restore);
    QCoreApplication::exec();

    if (json)
        command.printJson(session);
    return session.anyAnswered() ? CliCommands::Ok : CliCommands::Fatal;
}

void CliSearchCommand::printProvider(const SearchSession &session, const QString &provider)
{
    for (const ProviderResults &results : session.results()) {
        if (results.provider != provider)
            continue;
        out() << "== " << SearchProviders::displayName(provider) << ": "
              << SearchProviders::stateName(results.state) << ", " << results.hits.size()
              << (results.hits.size() == 1 ? " result" : " results") << " in " << results.elapsedMs
              << " ms";
        if (!results.message.isEmpty())
            out() << " (" << results.message << ')';
        out() << '\n';
        for (const SearchHit &hit : results.hits) {
            out() << "  " << hit.album.artist << " - " << hit.album.title;
            if (hit.album.year > 0)
                out() << " (" << hit.album.year << ')';
            if (!hit.album.format.isEmpty())
                out() << " [" << hit.album.format << ']';
            if (hit.inCollection())
                out() << " *in collection*";
            if (!hit.url().isEmpty())
                out() << "  " << hit.url();
            out() << '\n';
        }
        out().flush();
    }
}

void CliSearchCommand::printJson(const SearchSession &session)
{
    QJsonArray providers;
    for (const ProviderResults &results : session.results()) {
        QJsonArray hits;
        for (const SearchHit &hit : results.hits) {
            hits.append(QJsonObject {
                {QStringLiteral("title"), hit.album.title},
                {QStringLiteral("artist"), hit.album.artist},
                {QStringLiteral("year"),
                 hit.album.year > 0 ? QJsonValue(hit.album.year) : QJsonValue()},
                {QStringLiteral("format"), hit.album.format},
                {QStringLiteral("provider"), hit.provider},
                {QStringLiteral("external_id"), hit.externalId()},
                {QStringLiteral("url"), hit.url()},
                {QStringLiteral("in_collection"), hit.inCollection()},
            });
        }
        providers.append(QJsonObject {
            {QStringLiteral("name"), results.provider},
            {QStringLiteral("state"), SearchProviders::stateName(results.state)},
            {QStringLiteral("message"), results.message},
            {QStringLiteral("elapsed_ms"), results.elapsedMs},
            {QStringLiteral("results"), hits},
        });
    }
    const QJsonObject top {{QStringLiteral("query"), session.query()},
                           {QStringLiteral("providers"), providers}};
    out() << QJsonDocument(top).toJson(QJsonDocument::Indented);
    out().flush();
}

} // namespace aime
