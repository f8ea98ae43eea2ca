#pragma once

#include <QObject>
#include <QString>

namespace aime {

class AlbumStore;
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

private:
    explicit CliImportCommands(AlbumStore *store);

    static int createAndRun(AlbumStore *store, const QString &source, const QJsonObject &params);
    int runJobs(const QList<ImportJobRecord> &records);
    ImportJob *newJob(const ImportJobRecord &record, QString *problem);
    void report(const ImportJobRecord &record, const QString &phase);

    AlbumStore *m_store;
    bool m_terminal = false;
};

} // namespace aime
