#include "store/changelistener.h"

#include "store/storedatabase.h"
#include "store/storelog.h"

#include <QSqlDriver>
#include <QSqlError>

#include <atomic>
#include <memory>

namespace aime {

ChangeListener::ChangeListener(StoreDatabase *database, QObject *parent)
    : QObject(parent), m_database(database)
{
    m_thread.setObjectName(QStringLiteral("aime-store-changes"));
}

ChangeListener::~ChangeListener()
{
    m_thread.quit();
    m_thread.wait();
    // Its thread has ended, so nothing runs in it any more. (A deleteLater() posted to it before
    // the quit may never run: the loop can stop first, and the context leaked in CI that way.)
    delete m_context;
}

bool ChangeListener::start()
{
    m_thread.start();
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    // The connection is the listener thread's (the registry drops it when the thread ends),
    // so its LISTEN runs there and its notifications arrive on that thread's event loop.
    QString problem;
    QMetaObject::invokeMethod(
        m_context,
        [this, &problem] {
            QSqlDatabase db = m_database->connection();
            if (!db.isOpen()) {
                problem = db.lastError().text();
                return;
            }
            QSqlDriver *driver = db.driver();
            if (!driver->subscribeToNotification(QLatin1String(channel))) {
                problem = driver->lastError().text();
                return;
            }
            const QString ownToken = m_database->changeToken();
            connect(driver,
                    qOverload<const QString &, QSqlDriver::NotificationSource, const QVariant &>(
                        &QSqlDriver::notification),
                    m_context,
                    [this, ownToken](const QString &, QSqlDriver::NotificationSource,
                                     const QVariant &payload) {
                        const QList<qint64> ids = albumsOfOthers(payload.toString(), ownToken);
                        if (!ids.isEmpty())
                            Q_EMIT albumsChanged(ids);
                    });
        },
        Qt::BlockingQueuedConnection);
    m_problem = problem;
    if (!m_problem.isEmpty())
        qCWarning(lcStore).noquote() << "other desktops' changes will not show:" << m_problem;
    return m_problem.isEmpty();
}

QString ChangeListener::payload(const QString &token, const QList<qint64> &albumIds)
{
    QStringList ids;
    ids.reserve(albumIds.size());
    for (const qint64 id : albumIds)
        ids.append(QString::number(id));
    return token + u':' + ids.join(u',');
}

QList<qint64> ChangeListener::albumsOfOthers(const QString &payload, const QString &ownToken)
{
    const qsizetype colon = payload.indexOf(u':');
    if (colon < 0 || payload.left(colon) == ownToken)
        return {};
    QList<qint64> ids;
    const QStringList parts = payload.mid(colon + 1).split(u',', Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        bool ok = false;
        const qint64 id = part.toLongLong(&ok);
        if (ok && id > 0)
            ids.append(id);
    }
    return ids;
}

} // namespace aime
