#include "nodeinput.h"

bool NodeInput::isWidget() const
{
    if (section == Section::Hidden || forceInput)
        return false;
    return kind != Kind::Link && kind != Kind::Unknown;
}

QString NodeInput::sectionName(Section section)
{
    switch (section) {
    case Section::Required:
        return QStringLiteral("required");
    case Section::Optional:
        return QStringLiteral("optional");
    case Section::Hidden:
        return QStringLiteral("hidden");
    }
    return {};
}

QString NodeInput::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Int:
        return QStringLiteral("int");
    case Kind::Float:
        return QStringLiteral("float");
    case Kind::String:
        return QStringLiteral("string");
    case Kind::Boolean:
        return QStringLiteral("boolean");
    case Kind::Combo:
        return QStringLiteral("combo");
    case Kind::Link:
        return QStringLiteral("link");
    case Kind::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}
