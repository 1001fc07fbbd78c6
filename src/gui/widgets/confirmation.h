#pragma once

#include <QString>

class QWidget;

// Asks before a destructive action unless the user ticked "Don't ask again" for it once;
// the answer is remembered in QSettings under "confirm/<key>" (false: do not ask).
namespace Confirmation {

bool isAskingFor(const QString &key);
void setAskingFor(const QString &key, bool ask);
// True to go ahead. Shows a modal question with a "Don't ask again" check box.
bool ask(QWidget *parent, const QString &key, const QString &title, const QString &text,
         const QString &acceptText);

} // namespace Confirmation
