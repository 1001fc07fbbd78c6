#pragma once

#include "nodenumber.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

// One input of a node class, typed from ComfyUI's "[type, {options}]" spec.
struct NodeInput
{
    enum class Section {
        Required,
        Optional,
        Hidden // filled in by the server (prompt, extra_pnginfo, unique_id): no widget
    };
    enum class Kind {
        Int,
        Float,
        String,
        Boolean,
        Combo,   // a choice from choices (may be empty: e.g. a list the server fills remotely)
        Link,    // only another node's output of the type named in type ("MODEL", "IMAGE")
        Unknown  // a spec this parser does not understand; options still hold what came
    };

    QString name;
    Section section = Section::Required;
    Kind kind = Kind::Unknown;
    // ComfyUI's type name: "INT", "COMBO", "MODEL", "IMAGE,MASK" (any of), "*" (any type).
    // Combos in the older list form get "COMBO".
    QString type;
    QString displayName;      // options "display_name" (newer servers), usually empty
    QString tooltip;
    QJsonValue defaultValue;  // as sent; absent is Undefined (big integers: defaultNumber)
    NodeNumber defaultNumber; // the default when it is a number, exact
    NodeNumber minimum;
    NodeNumber maximum;
    NodeNumber step;
    NodeNumber round;         // unset when absent or false (no rounding)
    QStringList choices;      // Combo: both the [[...], {}] and ["COMBO", {"options"}] forms
    bool multiline = false;
    bool imageUpload = false;           // LoadImage-style picker with an upload button
    bool controlAfterGenerate = false;  // seeds: the frontend's randomize/increment control
    bool forceInput = false;            // a widget type that is shown only as a link socket
    // Every option as sent, for what is not typed above (display, dynamicPrompts,
    // multiselect, audio_upload, remote, template, ...).
    QJsonObject options;

    bool isWidget() const;  // a value edited in a form (not a link, not hidden)

    static QString sectionName(Section section); // "required", "optional", "hidden"
    static QString kindName(Kind kind);          // "int", "float", ..., "unknown"
};
