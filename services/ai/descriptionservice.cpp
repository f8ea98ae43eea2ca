#include "ai/descriptionservice.h"

#include "ai/descriptionprompt.h"
#include "ai/llmclient.h"
#include "core/futurecallback.h"
#include "providers/gatereply.h"
#include "store/albumstore.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QtConcurrent>

#include <memory>

Q_LOGGING_CATEGORY(lcAi, "aime.ai")

namespace aime {

DescriptionService::DescriptionService(AlbumStore *store, QThreadPool *pool, LlmClient *client,
                                       QObject *parent)
    : QObject(parent), m_store(store), m_pool(pool), m_client(client)
{ }

DescriptionService::~DescriptionService() = default;

void DescriptionService::setModel(const QString &model)
{
    m_model = model.trimmed();
    m_resolvedModel.clear();
}

void DescriptionService::availableModels(
    const QUrl &baseUrl, const QString &apiKey,
    std::function<void(const QStringList &models, const QString &error)> done)
{
    struct Gathered
    {
        QStringList models;
        QString error;
        int pending = 2;
    };
    auto gathered = std::make_shared<Gathered>();
    const auto take = [gathered, done](const ParseResult<QStringList> &answer, bool primary) {
        if (answer.ok()) {
            for (const QString &model : *answer.value) {
                if (!gathered->models.contains(model))
                    gathered->models.append(model);
            }
        } else if (primary) {
            // Only /v1/models speaks for the endpoint; /api/tags is Ollama's alone.
            gathered->error = answer.error;
        }
        if (--gathered->pending == 0)
            done(gathered->models, gathered->models.isEmpty() ? gathered->error : QString());
    };
    m_client->models(baseUrl, apiKey,
                     [take](const ParseResult<QStringList> &answer) { take(answer, true); });
    m_client->ollamaTags(baseUrl, apiKey,
                         [take](const ParseResult<QStringList> &answer) { take(answer, false); });
}

void DescriptionService::resolveModel(
    std::function<void(const QString &model, const QString &error)> done)
{
    if (!m_model.isEmpty()) {
        done(m_model, {});
        return;
    }
    if (!m_resolvedModel.isEmpty()) {
        done(m_resolvedModel, {});
        return;
    }
    m_client->models([self = QPointer(this), done](const ParseResult<QStringList> &models) {
        if (!self)
            return;
        if (!models.ok()) {
            done({}, models.error);
            return;
        }
        if (models.value->isEmpty()) {
            done({},
                 tr("The AI endpoint has no model; with Ollama, `ollama pull llama3.2` "
                    "fetches one."));
            return;
        }
        self->m_resolvedModel = models.value->first();
        qCInfo(lcAi).noquote() << "no model chosen; using" << self->m_resolvedModel;
        done(self->m_resolvedModel, {});
    });
}

GateReply *DescriptionService::describe(const Album &album,
                                        std::function<void(const DescriptionOutcome &)> done)
{
    const auto ask = [this, album, done](const QString &model) {
        // The reply says why a request failed; `done` runs while it still exists.
        auto sent = std::make_shared<QPointer<GateReply>>();
        GateReply *reply = m_client->chat(
            model, DescriptionPrompt::messages(album), DescriptionPrompt::maxTokens,
            [album, model, done, sent](const ParseResult<LlmCompletion> &answer) {
                DescriptionOutcome outcome;
                if (!answer.ok()) {
                    outcome.error = answer.error;
                    // What fails for this album fails for every album: no endpoint, no answer
                    // in time, a refused key, limits that do not lift, an unknown model. A 400
                    // (a prompt too long), a 5xx or a body that is not an answer belongs to
                    // this request alone.
                    const GateError error = *sent ? (*sent)->error() : GateError::None;
                    outcome.fatal = error == GateError::Network || error == GateError::Timeout
                        || error == GateError::Unauthorized || error == GateError::RateLimited
                        || error == GateError::Cancelled
                        || (error == GateError::ClientError && (*sent)->httpStatus() == 404);
                    done(outcome);
                    return;
                }
                const LlmCompletion &completion = *answer.value;
                const QString text = DescriptionPrompt::usableText(
                    completion.content, completion.finishReason == u"length");
                if (!completion.refusal.isEmpty()) {
                    outcome.error = tr("The model declined: %1").arg(completion.refusal);
                } else if (completion.finishReason == u"content_filter") {
                    outcome.error = tr("The endpoint's content filter stopped the answer.");
                } else if (text.isEmpty()) {
                    outcome.error = completion.content.trimmed().isEmpty()
                        ? tr("The model gave an empty answer.")
                        : tr("The answer was cut off before its first sentence ended.");
                } else {
                    AlbumDescription description;
                    description.albumId = album.id;
                    description.text = text;
                    description.model = completion.model.isEmpty() ? model : completion.model;
                    description.writtenAt = QDateTime::currentDateTimeUtc();
                    outcome.description = description;
                }
                done(outcome);
            });
        *sent = reply;
        return reply;
    };
    const QString model = m_model.isEmpty() ? m_resolvedModel : m_model;
    if (!model.isEmpty())
        return ask(model);
    resolveModel([ask, done](const QString &resolved, const QString &error) {
        if (resolved.isEmpty()) {
            done({std::nullopt, error, true});
            return;
        }
        ask(resolved);
    });
    return nullptr;
}

void DescriptionService::generate(qint64 albumId, bool replaceEdited)
{
    if (m_generating.contains(albumId))
        return;
    m_generating.insert(albumId);
    Q_EMIT started(albumId);
    AlbumStore *store = m_store;
    onFinished(QtConcurrent::run(m_pool, [store, albumId] { return store->album(albumId); }), this,
               [this, albumId, replaceEdited](const std::optional<Album> &album) {
                   if (!album) {
                       m_generating.remove(albumId);
                       Q_EMIT finished(albumId, false, tr("The album is not in the collection."));
                       return;
                   }
                   describe(*album,
                            [self = QPointer(this), albumId,
                             replaceEdited](const DescriptionOutcome &outcome) {
                                if (!self)
                                    return;
                                if (!outcome.description) {
                                    self->m_generating.remove(albumId);
                                    qCWarning(lcAi).noquote() << "no description for album"
                                                              << albumId << ":" << outcome.error;
                                    Q_EMIT self->finished(albumId, false, outcome.error);
                                    return;
                                }
                                AlbumDescription description = *outcome.description;
                                description.replaceEdited = replaceEdited;
                                self->store(description);
                            });
               });
}

void DescriptionService::saveEdited(qint64 albumId, const QString &text)
{
    AlbumDescription description;
    description.albumId = albumId;
    description.text = text.trimmed();
    description.writtenAt = QDateTime::currentDateTimeUtc();
    description.edited = true;
    store(description);
}

void DescriptionService::store(const AlbumDescription &description)
{
    AlbumStore *store = m_store;
    onFinished(QtConcurrent::run(m_pool,
                                 [store, description] {
                                     return store->saveDescriptions({description}, nullptr);
                                 }),
               this, [this, description](const QString &error) {
                   // An edit saved while the model writes does not end the writing.
                   if (!description.edited)
                       m_generating.remove(description.albumId);
                   if (!error.isEmpty()) {
                       Q_EMIT finished(description.albumId, false,
                                       tr("The description could not be stored: %1").arg(error));
                       return;
                   }
                   Q_EMIT descriptionChanged(description.albumId);
                   Q_EMIT finished(description.albumId, true, {});
               });
}

} // namespace aime
