#include "ai/llmparser.h"

#include "providers/jsonfieldreader.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace aime {

namespace {

using Need = JsonFieldReader::Need;

// The names under `arrayKey`, each the string `nameKey` of an object.
ParseResult<QStringList> names(const char *subject, const QByteArray &json, const char *arrayKey,
                               const char *nameKey)
{
    JsonFieldReader reader(subject);
    const std::optional<QJsonObject> top = reader.parse(json);
    if (!top)
        return ParseResult<QStringList>::failure(reader.message());
    const QJsonArray items = reader.array(*top, QString(), arrayKey, Need::Required);
    const QString path = QLatin1String(arrayKey);
    QStringList result;
    for (qsizetype i = 0; i < items.size() && !reader.failed(); ++i) {
        const QJsonObject item = reader.element(items, i, path);
        const QString name = reader.string(item, itemPath(path, i), nameKey, Need::NonEmpty);
        if (!result.contains(name))
            result.append(name);
    }
    if (reader.failed())
        return ParseResult<QStringList>::failure(reader.message());
    return ParseResult<QStringList>::success(result);
}

} // namespace

ParseResult<LlmCompletion> LlmParser::chatCompletion(const QByteArray &json)
{
    JsonFieldReader reader("AI endpoint answer");
    const std::optional<QJsonObject> top = reader.parse(json);
    if (!top)
        return ParseResult<LlmCompletion>::failure(reader.message());
    if (top->contains(QLatin1String("error"))) {
        const QString message = errorMessage(json);
        return ParseResult<LlmCompletion>::failure(
            message.isEmpty() ? QCoreApplication::translate(
                "aime::LlmParser", "The AI endpoint answered with an error.")
                              : message);
    }
    LlmCompletion completion;
    completion.model = reader.string(*top, QString(), "model", Need::Optional);
    const QJsonArray choices = reader.array(*top, QString(), "choices", Need::Required);
    if (!reader.failed() && choices.isEmpty())
        reader.failField(QStringLiteral("choices"), "is empty");
    if (!reader.failed()) {
        const QJsonObject choice = reader.element(choices, 0, QStringLiteral("choices"));
        const QString where = QStringLiteral("choices[0]");
        completion.finishReason = reader.string(choice, where, "finish_reason", Need::Optional);
        const QJsonObject message = reader.object(choice, where, "message", Need::Required);
        const QString messageWhere = where + QStringLiteral(".message");
        completion.content = reader.string(message, messageWhere, "content", Need::Optional);
        completion.refusal = reader.string(message, messageWhere, "refusal", Need::Optional);
    }
    if (reader.failed())
        return ParseResult<LlmCompletion>::failure(reader.message());
    return ParseResult<LlmCompletion>::success(completion);
}

ParseResult<QStringList> LlmParser::models(const QByteArray &json)
{
    return names("AI endpoint model list", json, "data", "id");
}

ParseResult<QStringList> LlmParser::ollamaTags(const QByteArray &json)
{
    return names("Ollama model list", json, "models", "name");
}

QString LlmParser::errorMessage(const QByteArray &json)
{
    const QJsonObject top = QJsonDocument::fromJson(json).object();
    const QJsonValue error = top.value(QLatin1String("error"));
    QString message;
    if (error.isString())
        message = error.toString();
    else if (error.isObject())
        message = error.toObject().value(QLatin1String("message")).toString();
    return clippedProviderText(message);
}

} // namespace aime
