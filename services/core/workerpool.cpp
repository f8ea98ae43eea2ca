#include "core/workerpool.h"

#include <QThread>

namespace aime {

WorkerPool::WorkerPool(QObject *parent) : QThreadPool(parent)
{
    setObjectName(QStringLiteral("aime-workers"));
    setMaxThreadCount(qMax(4, QThread::idealThreadCount() * 2));
}

WorkerPool::~WorkerPool()
{
    // DESIGN.md section 3: workers get at most 5 s to finish at shutdown.
    waitForDone(5000);
}

} // namespace aime
