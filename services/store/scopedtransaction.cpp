#include "store/scopedtransaction.h"

namespace aime {

ScopedTransaction::ScopedTransaction(QSqlDatabase db)
    : m_db(std::move(db)), m_active(m_db.transaction())
{ }

ScopedTransaction::~ScopedTransaction()
{
    if (m_active)
        m_db.rollback();
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
