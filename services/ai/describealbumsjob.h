#pragma once

#include "ai/descriptionservice.h"
#include "import/importjob.h"

#include <memory>

namespace aime {

// Tools > Describe albums without a description (and aime-cli describe): a job in the jobs
// panel like any import, with progress, cancel and resume. Params {} for every album without a
// description, or {"albums": [ids]} for chosen ones (those already described are skipped, so a
// resumed job never asks twice). Albums go in batches of `batchSize`, all sent at once (the
// LLM gate lets 2 through at a time); a batch's descriptions are stored with the job's cursor
// in one transaction. An album whose answer is unusable is skipped and counted; an endpoint
// that fails (unreachable, key refused, model missing) stops the job with that reason, and
// Retry goes on from the cursor. Cursor {"after": last album id, "skipped": n} or
// {"index": n, "skipped": n}.
class DescribeAlbumsJob : public ImportJob
{
    Q_OBJECT

public:
    static constexpr auto source = "describe";
    static constexpr int batchSize = 10;

    DescribeAlbumsJob(AlbumStore *store, QThreadPool *pool, DescriptionService *descriptions,
                      ImportJobRecord record, QObject *parent = nullptr);

    QString phase() const override;

protected:
    void run() override;

private:
    struct Batch;
    void nextBatch();
    void send(std::shared_ptr<Batch> batch);
    void answered(std::shared_ptr<Batch> batch, int index, const DescriptionOutcome &outcome);

    DescriptionService *m_descriptions;
    int m_total = 0;
};

} // namespace aime
