#pragma once

#include <QObject>
#include <QStringList>

class QLocalServer;
class QLocalSocket;

namespace aime {

// One AIME per data folder (issue 8). start() first tries to reach an instance already running
// on the same folder, through a local socket named after the folder; if one answers, it is
// handed this start's files and raises its window, and this start reports forwarded(). If
// none answers, this start listens (removing a socket left by a crash) and reports
// becamePrimary(); later starts then reach it through filesOpened(). All of it is
// asynchronous: nothing waits on the socket.
class SingleInstance : public QObject
{
    Q_OBJECT

public:
    explicit SingleInstance(const QString &dataDir, QObject *parent = nullptr);
    ~SingleInstance() override;

    // files: absolute paths (for example a Discogs CSV export opened from a file manager).
    void start(const QStringList &files);
    QString serverName() const { return m_serverName; }

    static QString serverNameFor(const QString &dataDir);

Q_SIGNALS:
    // This start is the only one: go on and build the window.
    void becamePrimary();
    // Another instance took this start's files and raised its window: this one should quit.
    void forwarded();
    // In the primary: a later start asked to be raised, and to open these files.
    void filesOpened(const QStringList &files);
    // The socket could not be listened on (the primary still runs, without the guard).
    void failed(const QString &message);

private:
    void listen();
    void readRequest(QLocalSocket *client);

    QString m_serverName;
    QLocalServer *m_server = nullptr;
    QLocalSocket *m_probe = nullptr;
    QStringList m_files;
};

} // namespace aime
