#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QThread>

namespace aime {

class StoreDatabase;

// What other desktops change in a shared PostgreSQL catalogue, as they commit it: writers send
// the albums they changed with pg_notify() in the same transaction (SqlDialect::notifyChanged),
// and this listens on a connection of its own, in a thread of its own whose event loop the
// driver's socket notifier needs. A store's own writes are left out: it has said so already.
class ChangeListener : public QObject
{
    Q_OBJECT

public:
    static constexpr const char *channel = "aime_changes";

    explicit ChangeListener(StoreDatabase *database, QObject *parent = nullptr);
    ~ChangeListener() override;

    // Connects and listens; false when the connection or the LISTEN failed (see problem()).
    bool start();
    QString problem() const { return m_problem; }

    // "token:id,id,...": a notification's payload, and its albums when another store sent it.
    static QString payload(const QString &token, const QList<qint64> &albumIds);
    static QList<qint64> albumsOfOthers(const QString &payload, const QString &ownToken);

Q_SIGNALS:
    // Emitted from the listener's thread; connect with a queued connection.
    void albumsChanged(const QList<qint64> &albumIds);

private:
    StoreDatabase *m_database;
    QThread m_thread;
    QObject *m_context = nullptr; // lives in m_thread
    QString m_problem;
};

} // namespace aime
