#include "cliimportcommands.h"

#include "ai/aisettings.h"
#include "ai/describealbumsjob.h"
#include "ai/descriptionservice.h"
#include "ai/llmclient.h"
#include "clicommands.h"
#include "core/workerpool.h"
#include "credentials/accountsettings.h"
#include "credentials/credentialstore.h"
#include "credentials/keychainbackend.h"
#include "import/discogscollectionimport.h"
#include "import/singlealbumimport.h"
#include "import/spotifysavedalbumsimport.h"
#include "providers/discogsclient.h"
#include "providers/musicbrainzclient.h"
#include "providers/providerconfig.h"
#include "providers/providersettings.h"
#include "providers/spotifyclient.h"
#include "store/albumstore.h"

#include <QCoreApplication>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <unistd.h>

namespace aime {

namespace {

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

QString countText(int value)
{
    return QLocale::system().toString(value);
}

} // namespace

CliImportCommands::CliImportCommands(AlbumStore *store)
    : m_store(store), m_terminal(::isatty(fileno(stderr)) == 1)
{ }

int CliImportCommands::importDiscogs(AlbumStore *store, const QString &user)
{
    return createAndRun(store, QString::fromLatin1(DiscogsCollectionImport::source),
                        {{QStringLiteral("user"), user}});
}

int CliImportCommands::importSpotify(AlbumStore *store)
{
    return createAndRun(store, QString::fromLatin1(SpotifySavedAlbumsImport::source), {});
}

int CliImportCommands::describeMissing(AlbumStore *store, const QString &model)
{
    return createAndRun(store, QString::fromLatin1(DescribeAlbumsJob::source), {}, model);
}

int CliImportCommands::describeAlbum(AlbumStore *store, qint64 albumId, const QString &model)
{
    const std::optional<Album> album = store->album(albumId);
    if (!album) {
        err() << "aime-cli: no album " << albumId << " in the collection (see aime-cli list)"
              << Qt::endl;
        return CliCommands::Fatal;
    }
    if (album->aiEdited && !album->aiDescription.isEmpty()) {
        err() << "aime-cli: the description of album " << albumId
              << " is your own text; aime-cli keeps it (Regenerate in the window replaces it)"
              << Qt::endl;
        return CliCommands::Fatal;
    }
    QString problem;
    ProviderSettings::configureProcess(&problem);
    if (!problem.isEmpty())
        err() << "aime-cli: " << problem << Qt::endl;
    CliImportCommands command(store);
    auto *credentials = new CredentialStore(new KeychainBackend(QStringLiteral("AIME")), &command);
    int result = CliCommands::Fatal;
    command.setUpDescriptions(model, credentials, [&] {
        auto *descriptions = command.findChild<DescriptionService *>();
        err() << "Describing \"" << album->title << "\" by " << album->artist << "…" << Qt::endl;
        connect(descriptions, &DescriptionService::finished, &command,
                [&](qint64, bool ok, const QString &message) {
                    if (ok) {
                        const std::optional<Album> described = store->album(albumId);
                        QTextStream(stdout)
                            << (described ? described->aiDescription : QString()) << Qt::endl;
                        result = CliCommands::Ok;
                    } else {
                        err() << "aime-cli: " << message << Qt::endl;
                    }
                    QCoreApplication::exit(0);
                });
        descriptions->generate(albumId);
    });
    QCoreApplication::exec();
    return result;
}

void CliImportCommands::setUpDescriptions(const QString &model, CredentialStore *credentials,
                                          const std::function<void()> &ready)
{
    auto *pool = findChild<WorkerPool *>();
    if (!pool)
        pool = new WorkerPool(this);
    auto *network = findChild<QNetworkAccessManager *>();
    if (!network)
        network = new QNetworkAccessManager(this);
    const ProviderEndpoints endpoints
        = ProviderConfig::endpointsFromEnvironment(QProcessEnvironment::systemEnvironment());
    auto *llm = new LlmClient(network, pool, endpoints.llm, this);
    auto *descriptions = new DescriptionService(m_store, pool, llm, this);
    descriptions->setModel(model.trimmed().isEmpty() ? AiSettings::model() : model);
    const QString key = AiSettings::environmentApiKey();
    if (!key.isEmpty() || !AiSettings::hasKeptApiKey()) {
        llm->setApiKey(key);
        QTimer::singleShot(0, this, ready);
        return;
    }
    credentials->read(Secret::LlmApiKey, [llm, ready](const SecretResult &result) {
        if (result.ok())
            llm->setApiKey(result.secret);
        else
            err() << "aime-cli: cannot read the AI endpoint's key from the keychain: "
                  << result.message << Qt::endl;
        ready();
    });
}

int CliImportCommands::createAndRun(AlbumStore *store, const QString &source,
                                    const QJsonObject &params, const QString &model)
{
    store->interruptOrphanedJobs();
    QString error;
    const std::optional<ImportJobRecord> record = store->createJob(source, params, &error);
    if (!record) {
        err() << "aime-cli: " << error << Qt::endl;
        return CliCommands::Fatal;
    }
    CliImportCommands command(store);
    return command.runJobs({*record}, model);
}

int CliImportCommands::resume(AlbumStore *store)
{
    store->interruptOrphanedJobs();
    QString error;
    QList<ImportJobRecord> interrupted;
    const QList<ImportJobRecord> all = store->jobs(&error);
    if (!error.isEmpty()) {
        err() << "aime-cli: cannot read the imports: " << error << Qt::endl;
        return CliCommands::Fatal;
    }
    for (const ImportJobRecord &record : all) {
        if (record.state == JobState::Interrupted)
            interrupted.prepend(record); // oldest first
    }
    if (interrupted.isEmpty()) {
        QTextStream(stdout) << "No interrupted import to resume." << Qt::endl;
        return CliCommands::Ok;
    }
    CliImportCommands command(store);
    return command.runJobs(interrupted);
}

int CliImportCommands::listJobs(AlbumStore *store)
{
    store->interruptOrphanedJobs();
    QString error;
    const QList<ImportJobRecord> all = store->jobs(&error);
    if (!error.isEmpty()) {
        err() << "aime-cli: cannot read the imports: " << error << Qt::endl;
        return CliCommands::Fatal;
    }
    QTextStream out(stdout);
    for (const ImportJobRecord &record : all) {
        out << record.id << '\t' << record.source << '\t'
            << ImportJobRecord::stateName(record.state) << '\t' << record.done << '/'
            << record.total << '\t' << record.cursor.value(QStringLiteral("phase")).toString()
            << '\t' << record.error << '\n';
    }
    out.flush();
    return CliCommands::Ok;
}

ImportJob *CliImportCommands::newJob(const ImportJobRecord &record, QString *problem)
{
    if (record.source == QLatin1String(DiscogsCollectionImport::source)) {
        return new DiscogsCollectionImport(m_store, findChild<WorkerPool *>(),
                                           findChild<DiscogsClient *>(), record, this);
    }
    if (record.source == QLatin1String(SpotifySavedAlbumsImport::source)) {
        return new SpotifySavedAlbumsImport(m_store, findChild<WorkerPool *>(),
                                            findChild<SpotifyClient *>(), record, this);
    }
    if (record.source == QLatin1String(DescribeAlbumsJob::source)) {
        return new DescribeAlbumsJob(m_store, findChild<WorkerPool *>(),
                                     findChild<DescriptionService *>(), record, this);
    }
    if (record.source == QLatin1String(SingleAlbumImport::source)) {
        return new SingleAlbumImport(m_store, findChild<WorkerPool *>(),
                                     findChild<SpotifyClient *>(), findChild<DiscogsClient *>(),
                                     findChild<MusicBrainzClient *>(), record, this);
    }
    *problem = QStringLiteral("aime-cli cannot run \"%1\" imports").arg(record.source);
    return nullptr;
}

void CliImportCommands::report(const ImportJobRecord &record, const QString &phase)
{
    const QString counts = record.total > 0
        ? QStringLiteral("%1 of %2").arg(countText(record.done), countText(record.total))
        : countText(record.done);
    if (m_terminal) {
        constexpr int width = 30;
        const int filled = record.total > 0 ? qMin(width, record.done * width / record.total) : 0;
        err() << "\r[" << QString(filled, u'#') << QString(width - filled, u' ') << "] " << counts
              << ' ' << phase << "\x1b[K";
        err().flush();
    } else {
        err() << "import " << record.id << ": " << phase << ' ' << counts << Qt::endl;
    }
}

int CliImportCommands::runJobs(const QList<ImportJobRecord> &records, const QString &model)
{
    QString problem;
    const ProviderEndpoints endpoints = ProviderSettings::configureProcess(&problem);
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (!problem.isEmpty())
        err() << "aime-cli: " << problem << Qt::endl;
    auto *network = new QNetworkAccessManager(this);
    auto *pool = new WorkerPool(this);
    auto *discogs = new DiscogsClient(network, pool, endpoints.discogsApi, this);
    new MusicBrainzClient(network, pool, endpoints.musicBrainzApi, endpoints.coverArt, this);
    auto *credentials = new CredentialStore(new KeychainBackend(QStringLiteral("AIME")), this);

    int running = 0;
    int failed = 0;
    const auto startAll = [&] {
        for (const ImportJobRecord &record : records) {
            ImportJob *job = newJob(record, &problem);
            if (!job) {
                err() << "aime-cli: " << problem << Qt::endl;
                ++failed;
                continue;
            }
            ++running;
            connect(job, &ImportJob::progressed, this,
                    [this, job](const ImportJobRecord &now) { report(now, job->phase()); });
            connect(job, &ImportJob::finished, this, [&, job](const ImportJobRecord &end) {
                if (m_terminal)
                    err() << Qt::endl;
                if (end.state == JobState::Completed) {
                    err() << "import " << end.id << ": completed"
                          << (end.error.isEmpty() ? QString() : QStringLiteral("; ") + end.error)
                          << Qt::endl;
                } else {
                    err() << "aime-cli: import " << end.id << " "
                          << ImportJobRecord::stateName(end.state)
                          << (end.error.isEmpty() ? QString() : QStringLiteral(": ") + end.error)
                          << Qt::endl;
                    ++failed;
                }
                job->deleteLater();
                if (--running == 0)
                    QCoreApplication::exit(0);
            });
            job->start();
        }
        if (running == 0)
            QCoreApplication::exit(0);
    };

    auto *spotify
        = new SpotifyClient(network, pool, endpoints.spotifyApi, endpoints.spotifyAccounts, this);
    QString clientId = environment.value(QStringLiteral("AIME_SPOTIFY_CLIENT_ID")).trimmed();
    if (clientId.isEmpty())
        clientId = AccountSettings::load().spotifyClientId;
    spotify->setClientId(clientId);
    const QString clientSecret
        = environment.value(QStringLiteral("AIME_SPOTIFY_CLIENT_SECRET")).trimmed();
    if (!clientSecret.isEmpty())
        spotify->setClientSecret(clientSecret);
    // PKCE refresh tokens are single use: the new one replaces the old in the keychain at once.
    connect(spotify, &SpotifyClient::refreshTokenChanged, this,
            [credentials](const QString &token) {
                credentials->write(Secret::SpotifyRefreshToken, token);
            });

    // Credentials: the environment's for scripts (never stored), else the keychain's. Only
    // those the jobs need are read, since a keychain may ask the person for each.
    bool needsDiscogs = false;
    bool needsSpotify = false;
    for (const ImportJobRecord &record : records) {
        needsDiscogs
            = needsDiscogs || record.source == QLatin1String(DiscogsCollectionImport::source);
        needsSpotify
            = needsSpotify || record.source == QLatin1String(SpotifySavedAlbumsImport::source);
        // An album added from Search Online needs its provider's account.
        if (record.source == QLatin1String(SingleAlbumImport::source)) {
            const QString provider = record.params.value(QStringLiteral("provider")).toString();
            needsDiscogs = needsDiscogs || provider == QLatin1String("discogs");
            needsSpotify = needsSpotify || provider == QLatin1String("spotify");
        }
    }
    auto pendingReads = std::make_shared<int>(0);
    const auto readDone = [pendingReads, &startAll] {
        if (--*pendingReads == 0)
            startAll();
    };
    const bool needsDescriptions
        = std::any_of(records.cbegin(), records.cend(), [](const ImportJobRecord &record) {
              return record.source == QLatin1String(DescribeAlbumsJob::source);
          });
    if (needsDescriptions) {
        ++*pendingReads;
        setUpDescriptions(model, credentials, readDone);
    }
    const QString token = environment.value(QStringLiteral("AIME_DISCOGS_TOKEN")).trimmed();
    if (needsDiscogs && !token.isEmpty()) {
        discogs->setToken(token);
    } else if (needsDiscogs) {
        ++*pendingReads;
        credentials->read(Secret::DiscogsToken, [&, readDone](const SecretResult &result) {
            if (result.ok())
                discogs->setToken(result.secret);
            else
                err() << "aime-cli: no Discogs token (log in with aime-cli login discogs, or set "
                         "AIME_DISCOGS_TOKEN); going on without one, slowly"
                      << Qt::endl;
            readDone();
        });
    }
    const QString spotifyToken
        = environment.value(QStringLiteral("AIME_SPOTIFY_REFRESH_TOKEN")).trimmed();
    if (needsSpotify && !spotifyToken.isEmpty()) {
        spotify->setUserRefreshToken(spotifyToken);
    } else if (needsSpotify) {
        ++*pendingReads;
        credentials->read(Secret::SpotifyRefreshToken, [&, readDone](const SecretResult &result) {
            if (result.ok())
                spotify->setUserRefreshToken(result.secret);
            else
                err() << "aime-cli: Spotify is not connected (aime-cli login spotify, or set "
                         "AIME_SPOTIFY_REFRESH_TOKEN)"
                      << Qt::endl;
            readDone();
        });
    }
    if (*pendingReads == 0)
        QTimer::singleShot(0, this, startAll);
    QCoreApplication::exec();
    return failed == 0 ? CliCommands::Ok : CliCommands::Fatal;
}

} // namespace aime
