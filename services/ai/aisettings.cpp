#include "ai/aisettings.h"

#include <QSettings>

namespace aime {

namespace {

constexpr auto modelKey = "ai/model";
constexpr auto keptKeyKey = "ai/hasApiKey";

} // namespace

QString AiSettings::model()
{
    const QString fromEnvironment = qEnvironmentVariable("AIME_LLM_MODEL").trimmed();
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return QSettings().value(QLatin1String(modelKey)).toString().trimmed();
}

bool AiSettings::modelFromEnvironment()
{
    return !qEnvironmentVariable("AIME_LLM_MODEL").trimmed().isEmpty();
}

void AiSettings::setModel(const QString &model)
{
    QSettings settings;
    if (model.trimmed().isEmpty())
        settings.remove(QLatin1String(modelKey));
    else
        settings.setValue(QLatin1String(modelKey), model.trimmed());
}

bool AiSettings::hasKeptApiKey()
{
    return QSettings().value(QLatin1String(keptKeyKey), false).toBool();
}

void AiSettings::setHasKeptApiKey(bool kept)
{
    QSettings().setValue(QLatin1String(keptKeyKey), kept);
}

QString AiSettings::environmentApiKey()
{
    return qEnvironmentVariable("AIME_LLM_API_KEY").trimmed();
}

} // namespace aime
