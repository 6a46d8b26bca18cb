"""Kakao i Open Builder's skill format, as published, to check every response the coach gives on
KakaoTalk and to build the payloads the tests send.

Sources (read 2026-11; the limits below are quoted from them):
- 응답 타입별 JSON 포맷 (SkillPayload, SkillResponse, SkillTemplate, SimpleText, TextCard,
  BasicCard, ListCard, Button, QuickReplies):
  https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
  (also at https://i.kakao.com/docs/skill-response-format)
- AI 챗봇 콜백 개발 가이드 (userRequest.callbackUrl, useCallback, the 5-second skill timeout, a
  callbackUrl valid for one minute and usable once, the CallbackResponse):
  https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/ai_chatbot_callback_guide
  (also at https://i.kakao.com/docs/skill-callback-dev-guide)
- The payload Open Builder's skill test console sends ("발화 내용", user type "accountId",
  "lang": null, params {"ignoreMe": "true"}), as published in many skill servers' own tests,
  e.g. https://github.com/UOSCS1518/dev-helper (README) for the documented request.

Published limits:
- template.outputs: 1 to 3 components; template.quickReplies: at most 10.
- simpleText.text: at most 1,000 characters (past 500 the client shows "전체 보기").
- textCard: title at most 50; description at most 400 (a single card shows title and
  description together up to 400); at least one of them; buttons at most 3 (2 side by side).
- basicCard: title at most 50, description at most 230, thumbnail required, buttons at most 3.
- listCard: header (a ListItem whose title is required) and 1 to 5 items; buttons: the current
  table allows 3 stacked or 2 side by side, the issue (and the older table) says 2: 2 here.
- Button.label: 14 characters (8 when two sit side by side).
- QuickReply: action "message" (messageText) or "block" (blockId). The current table gives no
  length for its label; 14, as for a button and as the issue says, is checked here.
Not published (so not checked): lengths of a list item's title and description (the client
shows one line of each; the coach keeps them to 25 characters, see channels/kakao_format.py).
"""

from __future__ import annotations

import copy
import uuid
from typing import Any

import jsonschema

OUTPUTS = 3
QUICK_REPLIES = 10
SIMPLE_TEXT = 1000
TEXT_CARD_TITLE = 50
TEXT_CARD_TOTAL = 400
BASIC_CARD_DESCRIPTION = 230
LIST_ITEMS = 5
LIST_BUTTONS = 2
BUTTON_LABEL = 14
QUICK_REPLY_LABEL = 14

_TEXT = {"type": "string", "minLength": 1}


def _max(limit: int) -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "maxLength": limit}


BUTTON = {
    "type": "object",
    "required": ["label", "action"],
    "properties": {
        "label": _max(BUTTON_LABEL),
        "action": {"enum": ["webLink", "message", "phone", "block", "share", "operator"]},
        "webLinkUrl": {"type": "string", "pattern": "^https?://"},
        "messageText": _TEXT,
        "phoneNumber": _TEXT,
        "blockId": _TEXT,
        "extra": {"type": "object"},
    },
    "additionalProperties": False,
    "allOf": [
        {
            "if": {"properties": {"action": {"const": "webLink"}}},
            "then": {"required": ["webLinkUrl"]},
        },
        {
            "if": {"properties": {"action": {"const": "phone"}}},
            "then": {"required": ["phoneNumber"]},
        },
        {"if": {"properties": {"action": {"const": "block"}}}, "then": {"required": ["blockId"]}},
    ],
}


def _buttons(most: int) -> dict[str, Any]:
    return {"type": "array", "items": BUTTON, "maxItems": most}


LAYOUT = {"enum": ["vertical", "horizontal"]}
LINK = {
    "type": "object",
    "properties": {key: {"type": "string"} for key in ("pc", "mobile", "web")},
    "additionalProperties": False,
}
THUMBNAIL = {
    "type": "object",
    "required": ["imageUrl"],
    "properties": {
        "imageUrl": {"type": "string", "pattern": "^https?://"},
        "altText": {"type": "string", "maxLength": 50},
        "link": LINK,
        "fixedRatio": {"type": "boolean"},
        "width": {"type": "integer"},
        "height": {"type": "integer"},
    },
    "additionalProperties": False,
}
LIST_ITEM = {
    "type": "object",
    "required": ["title"],
    "properties": {
        "title": _TEXT,
        "description": {"type": "string"},
        "imageUrl": {"type": "string", "pattern": "^https?://"},
        "link": LINK,
        "action": {"enum": ["message", "block"]},
        "blockId": _TEXT,
        "messageText": _TEXT,
        "extra": {"type": "object"},
    },
    "additionalProperties": False,
    "allOf": [
        {
            "if": {"properties": {"action": {"const": "block"}}, "required": ["action"]},
            "then": {"required": ["blockId"]},
        },
        {
            "if": {"properties": {"action": {"const": "message"}}, "required": ["action"]},
            "then": {"required": ["messageText"]},
        },
    ],
}

COMPONENT = {
    "type": "object",
    "minProperties": 1,
    "maxProperties": 1,
    "properties": {
        "simpleText": {
            "type": "object",
            "required": ["text"],
            "properties": {"text": _max(SIMPLE_TEXT)},
            "additionalProperties": False,
        },
        "simpleImage": {
            "type": "object",
            "required": ["imageUrl"],
            "properties": {
                "imageUrl": {"type": "string", "pattern": "^https?://"},
                "altText": {"type": "string", "maxLength": 50},
            },
            "additionalProperties": False,
        },
        "textCard": {
            "type": "object",
            "anyOf": [{"required": ["title"]}, {"required": ["description"]}],
            "properties": {
                "title": _max(TEXT_CARD_TITLE),
                "description": _max(TEXT_CARD_TOTAL),
                "buttons": _buttons(3),
                "buttonLayout": LAYOUT,
                "forwardable": {"type": "boolean"},
            },
            "additionalProperties": False,
        },
        "basicCard": {
            "type": "object",
            "required": ["thumbnail"],
            "properties": {
                "title": _max(TEXT_CARD_TITLE),
                "description": _max(BASIC_CARD_DESCRIPTION),
                "thumbnail": THUMBNAIL,
                "buttons": _buttons(3),
                "buttonLayout": LAYOUT,
                "forwardable": {"type": "boolean"},
            },
            "additionalProperties": False,
        },
        "listCard": {
            "type": "object",
            "required": ["header", "items"],
            "properties": {
                "header": LIST_ITEM,
                "items": {
                    "type": "array",
                    "items": LIST_ITEM,
                    "minItems": 1,
                    "maxItems": LIST_ITEMS,
                },
                "buttons": _buttons(LIST_BUTTONS),
                "buttonLayout": LAYOUT,
            },
            "additionalProperties": False,
        },
    },
    "additionalProperties": False,
}

QUICK_REPLY = {
    "type": "object",
    "required": ["label", "action"],
    "properties": {
        "label": _max(QUICK_REPLY_LABEL),
        "action": {"enum": ["message", "block"]},
        "messageText": _TEXT,
        "blockId": _TEXT,
        "extra": {},
    },
    "additionalProperties": False,
    "allOf": [
        {
            "if": {"properties": {"action": {"const": "message"}}},
            "then": {"required": ["messageText"]},
        },
        {"if": {"properties": {"action": {"const": "block"}}}, "then": {"required": ["blockId"]}},
    ],
}

TEMPLATE_RESPONSE = {
    "type": "object",
    "required": ["version", "template"],
    "properties": {
        "version": {"const": "2.0"},
        "template": {
            "type": "object",
            "required": ["outputs"],
            "properties": {
                "outputs": {
                    "type": "array",
                    "items": COMPONENT,
                    "minItems": 1,
                    "maxItems": OUTPUTS,
                },
                "quickReplies": {"type": "array", "items": QUICK_REPLY, "maxItems": QUICK_REPLIES},
            },
            "additionalProperties": False,
        },
        "context": {"type": "object"},
        "data": {"type": "object"},
    },
    "additionalProperties": False,
}

# A callback-enabled block's answer when the real one follows at callbackUrl: no template.
CALLBACK_RESPONSE = {
    "type": "object",
    "required": ["version", "useCallback"],
    "properties": {
        "version": {"const": "2.0"},
        "useCallback": {"const": True},
        "context": {"type": "object"},
        "data": {
            "type": "object",
            "additionalProperties": {"type": ["string", "number", "boolean"]},
        },
    },
    "additionalProperties": False,
}

SKILL_RESPONSE = {"oneOf": [TEMPLATE_RESPONSE, CALLBACK_RESPONSE]}

SKILL_PAYLOAD = {
    "type": "object",
    "required": ["userRequest", "bot", "intent", "action"],
    "properties": {
        "intent": {"type": "object", "required": ["id", "name"]},
        "bot": {"type": "object", "required": ["id", "name"]},
        "action": {
            "type": "object",
            "required": ["id", "name", "params", "detailParams"],
            "properties": {"params": {"type": "object"}, "detailParams": {"type": "object"}},
        },
        "userRequest": {
            "type": "object",
            "required": ["timezone", "block", "utterance", "lang", "user"],
            "properties": {
                "timezone": {"type": "string"},
                "block": {"type": "object", "required": ["id", "name"]},
                "utterance": {"type": "string"},
                "lang": {"type": ["string", "null"]},
                "callbackUrl": {"type": "string"},
                "params": {"type": "object"},
                "user": {
                    "type": "object",
                    "required": ["id", "type", "properties"],
                    "properties": {
                        "id": {"type": "string", "minLength": 1, "maxLength": 70},
                        "type": {"type": "string"},
                        "properties": {"type": "object"},
                    },
                },
            },
        },
        "contexts": {"type": "array"},
        "flow": {"type": "object"},
    },
}


def check_response(body: Any) -> None:
    """Raise unless ``body`` is a SkillResponse within every published limit."""
    jsonschema.validate(body, SKILL_RESPONSE)
    for output in body.get("template", {}).get("outputs", []):
        card = output.get("textCard")
        if card is not None:
            shown = len(card.get("title", "")) + len(card.get("description", ""))
            assert shown <= TEXT_CARD_TOTAL, f"a text card shows {shown} characters: {card}"
        for name in ("textCard", "basicCard", "listCard"):
            if output.get(name, {}).get("buttonLayout") == "horizontal":
                buttons = output[name].get("buttons", [])
                assert len(buttons) <= 2, f"more than 2 buttons side by side: {output}"
                assert all(len(button["label"]) <= 8 for button in buttons), output
    labels = [reply["label"] for reply in body.get("template", {}).get("quickReplies", [])]
    assert len(labels) == len(set(labels)), f"two quick replies with one label: {labels}"


def check_payload(body: Any) -> None:
    jsonschema.validate(body, SKILL_PAYLOAD)


# --- Payloads as Open Builder sends them -------------------------------------------------------

_DOCUMENTED = {
    "intent": {"id": "65f0c0ffee0000000000b10c", "name": "폴백 블록"},
    "userRequest": {
        "timezone": "Asia/Seoul",
        "params": {},
        "block": {"id": "65f0c0ffee0000000000b10c", "name": "폴백 블록"},
        "utterance": "",
        "lang": "ko",
        "user": {
            "id": "",
            "type": "botUserKey",
            "properties": {"plusfriendUserKey": "", "isFriend": True},
        },
    },
    "contexts": [],
    "bot": {"id": "65f0c0ffee0000000000b07a", "name": "미납 협상 코치"},
    "action": {
        "name": "coach",
        "clientExtra": None,
        "params": {},
        "id": "65f0c0ffee0000000000a11c",
        "detailParams": {},
    },
    "flow": {
        "trigger": {
            "type": "TEXT_INPUT",
            "referrerBlock": {"id": "65f0c0ffee0000000000b10c", "name": "폴백 블록"},
        },
        "lastBlock": {"id": "65f0c0ffee0000000000b10c", "name": "폴백 블록"},
    },
}

# What the skill test console ("스킬 테스트") in Open Builder sends by default.
_CONSOLE = {
    "intent": {"id": "u8374czixdyo23gkpuw34lat", "name": "블록 이름"},
    "userRequest": {
        "timezone": "Asia/Seoul",
        "params": {"ignoreMe": "true"},
        "block": {"id": "u8374czixdyo23gkpuw34lat", "name": "블록 이름"},
        "utterance": "발화 내용",
        "lang": None,
        "user": {"id": "687813", "type": "accountId", "properties": {}},
    },
    "bot": {"id": "620cea77ca92880f0b4e73c8", "name": "봇 이름"},
    "action": {
        "name": "krrqubcc0i",
        "clientExtra": None,
        "params": {},
        "id": "vpfi1op5vzjoncdifqzs1p6b",
        "detailParams": {},
    },
}


def new_user_key() -> str:
    """A botUserKey-like id (Kakao's are opaque strings of at most 70 characters)."""
    return uuid.uuid4().hex + uuid.uuid4().hex[:8]


def skill_payload(
    utterance: str,
    user_key: str,
    callback_url: str | None = None,
    button: bool = False,
) -> dict[str, Any]:
    """A SkillPayload as the bot sends it for a message typed (or a quick reply tapped) in
    KakaoTalk; with ``callback_url`` as a callback-enabled block sends it."""
    payload = copy.deepcopy(_DOCUMENTED)
    request = payload["userRequest"]
    request["utterance"] = utterance
    request["user"]["id"] = user_key
    request["user"]["properties"]["plusfriendUserKey"] = "pf-" + user_key[:12]
    if button:
        payload["flow"]["trigger"]["type"] = "QUICKREPLY_BUTTON_MESSAGE"
    if callback_url is not None:
        request["callbackUrl"] = callback_url
    return payload


def console_payload(utterance: str = "발화 내용", user_key: str = "687813") -> dict[str, Any]:
    """The payload of Open Builder's skill test console."""
    payload = copy.deepcopy(_CONSOLE)
    payload["userRequest"]["utterance"] = utterance
    payload["userRequest"]["user"]["id"] = user_key
    return payload
