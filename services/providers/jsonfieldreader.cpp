#include "providers/jsonfieldreader.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace aime {

namespace {

constexpr qsizetype MaxProviderTextLength = 300;

} // namespace

QString joinPath(const QString &where, const char *key)
{
    return where.isEmpty() ? QString::fromLatin1(key) : where + u'.' + QLatin1String(key);
}

QString itemPath(const QString &arrayPath, qsizetype index)
{
    return arrayPath + u'[' + QString::number(index) + u']';
}

QString clippedProviderText(const QString &text)
{
    const QString simple = text.simplified();
    return simple.size() > MaxProviderTextLength ? simple.left(MaxProviderTextLength) + u'…'
                                                 : simple;
}

JsonFieldReader::JsonFieldReader(const char *subject) : m_subject(QLatin1String(subject)) { }

QString JsonFieldReader::message() const
{
    return m_subject + QLatin1String(": ") + m_problem;
}

void JsonFieldReader::fail(const QString &problem)
{
    if (!failed())
        m_problem = problem;
}

void JsonFieldReader::failField(const QString &path, const char *problem)
{
    fail(u'"' + path + QLatin1String("\" ") + QLatin1String(problem));
}

std::optional<QJsonObject> JsonFieldReader::parse(const QByteArray &json)
{
    if (json.trimmed().isEmpty()) {
        fail(QStringLiteral("empty response"));
        return std::nullopt;
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        fail(QStringLiteral("invalid JSON at byte %1: %2")
                 .arg(QString::number(error.offset), error.errorString()));
        return std::nullopt;
    }
    if (!document.isObject()) {
        fail(document.isArray() ? QStringLiteral("expected a JSON object, got an array")
                                : QStringLiteral("expected a JSON object"));
        return std::nullopt;
    }
    return document.object();
}

QJsonValue JsonFieldReader::value(const QJsonObject &object, const QString &where, const char *key,
                                  Need need)
{
    const QJsonValue undefined(QJsonValue::Undefined); // not {}: that is null
    if (failed())
        return undefined;
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined()) {
        if (need != Need::Optional)
            fail(QLatin1String("missing \"") + joinPath(where, key) + u'"');
        return undefined;
    }
    if (value.isNull()) {
        if (need != Need::Optional)
            failField(joinPath(where, key), "is null");
        return undefined;
    }
    return value;
}

QString JsonFieldReader::string(const QJsonObject &object, const QString &where, const char *key,
                                Need need)
{
    const QJsonValue value = this->value(object, where, key, need);
    if (value.isUndefined())
        return {};
    if (!value.isString()) {
        failField(joinPath(where, key), "is not a string");
        return {};
    }
    QString text = value.toString();
    if (need == Need::NonEmpty && text.trimmed().isEmpty()) {
        failField(joinPath(where, key), "is empty");
        return {};
    }
    return text;
}

std::optional<qint64> JsonFieldReader::integer(const QJsonObject &object, const QString &where,
                                               const char *key, Need need, qint64 minimum,
                                               qint64 maximum)
{
    const QJsonValue value = this->value(object, where, key, need);
    if (value.isUndefined())
        return std::nullopt;
    const double number = value.toDouble();
    if (!value.isDouble() || !std::isfinite(number) || std::trunc(number) != number) {
        failField(joinPath(where, key), "is not a whole number");
        return std::nullopt;
    }
    if (number < double(minimum) || number > double(maximum)) {
        failField(joinPath(where, key), "is out of range");
        return std::nullopt;
    }
    return qint64(number);
}

QJsonObject JsonFieldReader::object(const QJsonObject &object, const QString &where,
                                    const char *key, Need need)
{
    const QJsonValue value = this->value(object, where, key, need);
    if (!value.isUndefined() && !value.isObject())
        failField(joinPath(where, key), "is not an object");
    return value.toObject();
}

QJsonArray JsonFieldReader::array(const QJsonObject &object, const QString &where, const char *key,
                                  Need need)
{
    const QJsonValue value = this->value(object, where, key, need);
    if (!value.isUndefined() && !value.isArray())
        failField(joinPath(where, key), "is not an array");
    return value.toArray();
}

QJsonObject JsonFieldReader::element(const QJsonArray &array, qsizetype index,
                                     const QString &arrayPath)
{
    if (failed())
        return {};
    const QJsonValue value = array.at(index);
    if (!value.isObject())
        failField(itemPath(arrayPath, index), "is not an object");
    return value.toObject();
}

std::optional<bool> JsonFieldReader::boolean(const QJsonObject &object, const QString &where,
                                             const char *key, Need need)
{
    const QJsonValue value = this->value(object, where, key, need);
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isBool()) {
        failField(joinPath(where, key), "is not true or false");
        return std::nullopt;
    }
    return value.toBool();
}

QUrl JsonFieldReader::url(const QJsonObject &object, const QString &where, const char *key,
                          Need need)
{
    const QString text = string(object, where, key, need);
    if (text.isEmpty())
        return {};
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty()
        || (scheme != QLatin1String("https") && scheme != QLatin1String("http"))) {
        failField(joinPath(where, key), "is not an http(s) URL");
        return {};
    }
    return url;
}

} // namespace aime
