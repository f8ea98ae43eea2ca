#include "store/scopedtransaction.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

Q_LOGGING_CATEGORY(lcTransaction, "aime.store.transaction", QtInfoMsg)

namespace aime {

namespace {

// Any number that is AIME's own: an advisory lock is only a number.
constexpr qint64 writerLockKey = 0x41494d45; // "AIME"

bool isBusy(const QSqlError &error)
{
    // SQLITE_BUSY and SQLITE_LOCKED, as the QSQLITE driver reports them.
    const QString code = error.nativeErrorCode();
    return code == QLatin1String("5") || code == QLatin1String("6")
        || error.databaseText().contains(QLatin1String("locked"));
}

} // namespace

ScopedTransaction::ScopedTransaction(QSqlDatabase db) : m_db(std::move(db))
{
    m_active = begin();
}

ScopedTransaction::~ScopedTransaction()
{
    if (m_active)
        m_db.rollback();
}

bool ScopedTransaction::begin()
{
    if (m_db.driverName() != QLatin1String("QSQLITE")) {
        if (!m_db.transaction()) {
            m_error = m_db.lastError().text();
            return false;
        }
        // Writers take turns on PostgreSQL as they do on SQLite: a page's writer decides from
        // what it reads whether an album is new, and two desktops importing the same release at
        // once would otherwise both insert it. Readers never wait (MVCC); the lock goes with the
        // transaction, also when a desktop dies.
        QSqlQuery lock(m_db);
        if (lock.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(writerLockKey)))
            return true;
        m_error = lock.lastError().text();
        m_db.rollback();
        return false;
    }
    // A deferred transaction that reads before it writes cannot wait for the write lock: when
    // another connection wrote since its read began, SQLite answers BUSY at once, whatever the
    // busy timeout. BEGIN IMMEDIATE takes the write lock first and waits the busy timeout for
    // it; past that, another writer (aime-cli beside the window) still holds it, so wait again.
    QSqlQuery query(m_db);
    for (int wait = 1;; ++wait) {
        if (query.exec(QStringLiteral("BEGIN IMMEDIATE")))
            return true;
        const QSqlError error = query.lastError();
        if (!isBusy(error) || wait == maxBusyWaits) {
            m_error = isBusy(error)
                ? QCoreApplication::translate("aime::ScopedTransaction",
                                              "another program kept the collection busy for too "
                                              "long (%1)")
                      .arg(error.text())
                : error.text();
            return false;
        }
        qCInfo(lcTransaction) << "the collection is busy (another AIME or aime-cli is writing); "
                                 "waiting for it";
    }
}

bool ScopedTransaction::commit()
{
    if (!m_active)
        return false;
    m_active = false;
    if (m_db.commit())
        return true;
    m_db.rollback();
    return false;
}

} // namespace aime
