#pragma once

#include "domain/album.h"
#include "domain/albumdescription.h"

#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>

class QThreadPool;

namespace aime {

class AlbumStore;
class GateReply;
class LlmClient;

// What one request for a description gave: the description, or why not. `fatal` says the
// endpoint itself failed (unreachable, refused key, unknown model, timeout, a body that is not
// an answer), so every other album would fail too; otherwise only this album's answer was
// unusable (empty, refused, cut short before a sentence ended).
struct DescriptionOutcome
{
    std::optional<AlbumDescription> description;
    QString error;
    bool fatal = false;
};

// Album descriptions from an OpenAI-compatible endpoint (issue 6, DESIGN.md section 3): the
// prompt holds only facts from the store (DescriptionPrompt), the answer is checked, and only a
// usable one is stored, with the model and the time. Requests go through the LLM gate (2 at
// once, 60 s each). The model is the one Preferences > AI (or AIME_LLM_MODEL) names; without
// one, the endpoint's first listed model is used.
class DescriptionService : public QObject
{
    Q_OBJECT

public:
    DescriptionService(AlbumStore *store, QThreadPool *pool, LlmClient *client,
                       QObject *parent = nullptr);
    ~DescriptionService() override;

    LlmClient *client() const { return m_client; }
    // Also forgets the model looked up for an empty setting (the endpoint may have changed).
    void setModel(const QString &model);
    QString model() const { return m_model; }

    // Loads the album, asks for its description and stores it; started() and finished()
    // follow. An album already being described is not asked for twice. Text the person edited
    // is replaced only with replaceEdited (a Regenerate they confirmed).
    void generate(qint64 albumId, bool replaceEdited = false);
    bool isGenerating(qint64 albumId) const { return m_generating.contains(albumId); }
    // Keeps the person's text, marked edited (the model's name stays as it was).
    void saveEdited(qint64 albumId, const QString &text);

    // One request for an album already loaded, nothing stored: what a describe job sends.
    // Returns null when no request went out yet (the model is being looked up); done is
    // called once either way.
    GateReply *describe(const Album &album, std::function<void(const DescriptionOutcome &)> done);
    // The models an endpoint offers (/v1/models, and Ollama's /api/tags where it answers):
    // done(models, error) once both have answered.
    // apiKey: one typed for that endpoint, if any.
    void availableModels(const QUrl &baseUrl, const QString &apiKey,
                         std::function<void(const QStringList &models, const QString &error)> done);
    // The model to use: the one set, else the endpoint's first; done(model, error).
    void resolveModel(std::function<void(const QString &model, const QString &error)> done);

Q_SIGNALS:
    void started(qint64 albumId);
    void finished(qint64 albumId, bool ok, const QString &message);
    // The store holds a new or edited description of the album.
    void descriptionChanged(qint64 albumId);

private:
    void store(const AlbumDescription &description);

    AlbumStore *m_store;
    QThreadPool *m_pool;
    LlmClient *m_client;
    QString m_model;
    QString m_resolvedModel; // the endpoint's first model, when none is set
    QSet<qint64> m_generating;
};

} // namespace aime

Q_DECLARE_METATYPE(aime::AlbumDescription)
