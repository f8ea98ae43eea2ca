#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace aime {

class AlbumStore;
class CredentialStore;
class ImportJob;
struct ImportJobRecord;

// aime-cli import --source discogs|spotify, jobs and resume (docs/cli.md): the same import jobs
// as the window's, run in the event loop, with progress on stderr (a bar on a terminal, plain
// lines otherwise). Returns when the jobs end.
class CliImportCommands : public QObject
{
    Q_OBJECT

public:
    // import --source discogs --user NAME: a new job, run to its end.
    static int importDiscogs(AlbumStore *store, const QString &user);
    // import --source spotify: the connected user's saved albums (aime-cli login spotify).
    static int importSpotify(AlbumStore *store);
    // Every interrupted job, run to its end.
    static int resume(AlbumStore *store);
    // One line per job.
    static int listJobs(AlbumStore *store);
    // describe --all-missing: a describe job over every album without a description.
    // model: --model, else AIME_LLM_MODEL, else Preferences.
    static int describeMissing(AlbumStore *store, const QString &model);
    // describe --album ID: that album's description, printed on stdout. Text the person
    // edited is kept.
    static int describeAlbum(AlbumStore *store, qint64 albumId, const QString &model);

private:
    explicit CliImportCommands(AlbumStore *store);

    static int createAndRun(AlbumStore *store, const QString &source, const QJsonObject &params,
                            const QString &model = {});
    // The AI endpoint's client and the description service, children of this command, with
    // the model and (from the environment or the keychain) the API key; ready() follows.
    void setUpDescriptions(const QString &model, CredentialStore *credentials,
                           const std::function<void()> &ready);
    int runJobs(const QList<ImportJobRecord> &records, const QString &model = {});
    ImportJob *newJob(const ImportJobRecord &record, QString *problem);
    void report(const ImportJobRecord &record, const QString &phase);

    AlbumStore *m_store;
    bool m_terminal = false;
};

} // namespace aime
