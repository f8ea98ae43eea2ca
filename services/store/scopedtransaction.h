#pragma once

#include <QSqlDatabase>
#include <QString>

namespace aime {

// Rolls the transaction back unless commit() succeeded, so an early return or an exception never
// leaves half a page written. It takes the write lock when it begins, waiting its turn while
// another connection or process writes: SQLite's (BEGIN IMMEDIATE), and on PostgreSQL an advisory
// lock held until the transaction ends, so writers on several desktops take turns.
class ScopedTransaction
{
public:
    explicit ScopedTransaction(QSqlDatabase db);
    ~ScopedTransaction();

    ScopedTransaction(const ScopedTransaction &) = delete;
    ScopedTransaction &operator=(const ScopedTransaction &) = delete;

    bool isActive() const { return m_active; }
    // Why the transaction could not begin.
    QString errorText() const { return m_error; }
    bool commit();

    // How many busy timeouts a writer waits for another writer before it gives up.
    static constexpr int maxBusyWaits = 12;

private:
    bool begin();

    QSqlDatabase m_db;
    QString m_error;
    bool m_active = false;
};

} // namespace aime
