#include "cliimportcommands.h"

#include "clicommands.h"
#include "core/workerpool.h"
#include "credentials/credentialstore.h"
#include "credentials/keychainbackend.h"
#include "import/discogscollectionimport.h"
#include "providers/discogsclient.h"
#include "providers/providerconfig.h"
#include "providers/providersettings.h"
#include "store/albumstore.h"

#include <QCoreApplication>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QTextStream>
#include <QTimer>

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
    store->interruptOrphanedJobs();
    QString error;
    const std::optional<ImportJobRecord> record
        = store->createJob(QString::fromLatin1(DiscogsCollectionImport::source),
                           {{QStringLiteral("user"), user}}, &error);
    if (!record) {
        err() << "aime-cli: " << error << Qt::endl;
        return CliCommands::Fatal;
    }
    CliImportCommands command(store);
    return command.runJobs({*record});
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
    if (record.source != QLatin1String(DiscogsCollectionImport::source)) {
        *problem = QStringLiteral("aime-cli cannot run \"%1\" imports yet").arg(record.source);
        return nullptr;
    }
    auto *client = findChild<DiscogsClient *>();
    return new DiscogsCollectionImport(m_store, findChild<WorkerPool *>(), client, record, this);
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

int CliImportCommands::runJobs(const QList<ImportJobRecord> &records)
{
    const QProcessEnvironment environment = ProviderSettings::effective(
        QProcessEnvironment::systemEnvironment(), ProviderSettings::load());
    QString problem;
    const ProviderEndpoints endpoints
        = ProviderConfig::endpointsFromEnvironment(environment, {}, &problem);
    if (!problem.isEmpty())
        err() << "aime-cli: " << problem << Qt::endl;
    auto *network = new QNetworkAccessManager(this);
    auto *pool = new WorkerPool(this);
    auto *discogs = new DiscogsClient(network, pool, endpoints.discogsApi, this);
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
                    err() << "import " << end.id << ": completed" << Qt::endl;
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

    // The token: the environment's for scripts, else the keychain's.
    const QString token = environment.value(QStringLiteral("AIME_DISCOGS_TOKEN")).trimmed();
    if (!token.isEmpty()) {
        discogs->setToken(token);
        QTimer::singleShot(0, this, startAll);
    } else {
        credentials->read(Secret::DiscogsToken, [&](const SecretResult &result) {
            if (result.ok())
                discogs->setToken(result.secret);
            else
                err() << "aime-cli: no Discogs token (log in with aime-cli login discogs, or set "
                         "AIME_DISCOGS_TOKEN); going on without one, slowly"
                      << Qt::endl;
            startAll();
        });
    }
    QCoreApplication::exec();
    return failed == 0 ? CliCommands::Ok : CliCommands::Fatal;
}

} // namespace aime
