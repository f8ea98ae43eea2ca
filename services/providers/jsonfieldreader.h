#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QUrl>

#include <limits>
#include <optional>

class QByteArray;

namespace aime {

// "where.key", or "key" at the top level: the path of a field in a message.
QString joinPath(const QString &where, const char *key);
// "array[index]": the path of an array element in a message.
QString itemPath(const QString &arrayPath, qsizetype index);
// Provider text simplified and cut short: it ends up in a status line or a dialog, and a broken
// server could send megabytes.
QString clippedProviderText(const QString &text);

// Reads one JSON response of a provider (Spotify, MusicBrainz). The first problem is kept and
// later reads give empty values, so a parse function reads straight through and checks once at
// the end. Field paths for messages are built only on failure; the callers build the paths of
// objects and items they descend into. message() is the subject ("Spotify album"), ": " and the
// problem.
class JsonFieldReader
{
public:
    enum class Need { Optional, Required, NonEmpty };

    // Durations and counts are read as doubles; beyond 2^53 they are no longer exact.
    static constexpr qint64 MaxWhole = qint64(1) << 53;
    static constexpr qint64 MaxInt = std::numeric_limits<int>::max();

    explicit JsonFieldReader(const char *subject);

    bool failed() const { return !m_problem.isEmpty(); }
    QString message() const;

    void fail(const QString &problem);
    void failField(const QString &path, const char *problem);

    // The top-level object; nullopt (and a failure) for an empty body, invalid JSON or an array.
    std::optional<QJsonObject> parse(const QByteArray &json);

    // Undefined when absent (or null and optional), or after a failure.
    QJsonValue value(const QJsonObject &object, const QString &where, const char *key, Need need);
    QString string(const QJsonObject &object, const QString &where, const char *key, Need need);
    std::optional<qint64> integer(const QJsonObject &object, const QString &where, const char *key,
                                  Need need, qint64 minimum, qint64 maximum);
    QJsonObject object(const QJsonObject &object, const QString &where, const char *key, Need need);
    QJsonArray array(const QJsonObject &object, const QString &where, const char *key, Need need);
    QJsonObject element(const QJsonArray &array, qsizetype index, const QString &arrayPath);
    std::optional<bool> boolean(const QJsonObject &object, const QString &where, const char *key,
                                Need need);
    // Only absolute http(s) URLs: these are fetched or opened later.
    QUrl url(const QJsonObject &object, const QString &where, const char *key, Need need);

private:
    QString m_subject;
    QString m_problem;
};

} // namespace aime
