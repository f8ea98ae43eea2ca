#pragma once

#include <QThreadPool>

namespace aime {

// The application's own pool for parsing, store work and decoding. The global pool has only as
// many threads as cores (2 here) and must never be blocked; ours tolerates threads that wait on
// the database or a semaphore.
class WorkerPool : public QThreadPool
{
    Q_OBJECT

public:
    explicit WorkerPool(QObject *parent = nullptr);
    ~WorkerPool() override;
};

} // namespace aime
