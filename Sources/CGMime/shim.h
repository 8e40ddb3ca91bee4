#include <gmime/gmime.h>

/* GObject's type checks are macros, which Swift cannot call. */
static inline int convene_gmime_is_part(GMimeObject *object) { return GMIME_IS_PART(object); }
static inline int convene_gmime_is_message_part(GMimeObject *object) { return GMIME_IS_MESSAGE_PART(object); }
static inline int convene_gmime_is_multipart(GMimeObject *object) { return GMIME_IS_MULTIPART(object); }
static inline int convene_internet_address_is_mailbox(InternetAddress *address) { return INTERNET_ADDRESS_IS_MAILBOX(address); }
static inline void convene_object_unref(void *object) { if (object) g_object_unref(object); }
