package io.sigmacode.firewall.injection;

import java.util.List;

import static io.sigmacode.kernel.firewall.FirewallPolicyDocument.JAILBREAK;
import static io.sigmacode.kernel.firewall.FirewallPolicyDocument.PROMPT_INJECTION;
import static io.sigmacode.kernel.firewall.FirewallPolicyDocument.PROMPT_LEAK;

/**
 * The signal catalogue. Patterns run on folded text (lower case, single spaces, homoglyphs folded). Weights combine
 * as independent evidence, so no single weak cue (role-play, "uncensored", "from now on") reaches the default
 * threshold of 0.5 on its own, while override and persona cues together do.
 */
final class InjectionRules {

    private static final String OVERRIDE_VERB = "(?:ignore|ignoring|disregard|forget|skip|override|bypass|drop|abandon"
            + "|discard|neglect)";
    private static final String PRIOR = "(?:all |any |the |your |my |these |those |every )*(?:of )?(?:the |your )?"
            + "(?:previous|prior|above|earlier|preceding|former|initial|original|old|system|developer|given|current"
            + "|default|safety)?";
    private static final String DIRECTIVES = "(?:instructions?|prompts?|rules|directions|directives|guidelines"
            + "|guidance|context|messages?"
            + "|programming|restrictions|constraints|commands|orders|policies|text|content|conversation|function"
            + "|webpage|document|inputs?)";
    private static final String SECRET_THING = "(?:password|passcode|pass ?phrase|pass code|secret(?: key| code| word"
            + "| phrase)?|api key"
            + "|access (?:key|code|token)|pin(?: code)?|credentials?|login|security code|private key|token)";
    private static final String ASK = "(?:what(?:'s| is| are| was)|tell me|give me|share|reveal|provide|show|print"
            + "|send|disclose|output"
            + "|spell|write|encode|translate|repeat|need|know|display|leak|say|type)";

    private InjectionRules() {
    }

    static List<InjectionRule> all() {
        return List.of(
                InjectionRule.of("override_previous", PROMPT_INJECTION, 0.75,
                        "ignor|disregard|forget|skip|overrid|bypass|drop|abandon|discard|neglect",
                        "\\b" + OVERRIDE_VERB + " (?:about )?" + PRIOR + " ?" + DIRECTIVES + "\\b"),
                InjectionRule.of("override_everything", PROMPT_INJECTION, 0.6,
                        "ignor|disregard|forget",
                        "\\b(?:ignore|disregard|forget) (?:about )?(?:all|everything)(?: (?:that|you(?:'ve| have)?|i"
                                + "|from|before|above|previous|prior|said|were|told)\\b|[.,!]|$)"),
                InjectionRule.of("override_the_above", PROMPT_INJECTION, 0.65,
                        "ignor|disregard|forget|instead of",
                        "\\b(?:ignore|disregard|forget|instead of) (?:the |all |everything )?(?:above|previous|before"
                                + "|what (?:came|was said) before)\\b"),
                InjectionRule.of("override_multilingual", PROMPT_INJECTION, 0.75,
                        "ignor|vergiss|oubli|olvid|esque|dimentic|忽略|无视|無視|忘|تجاهل|игнор|забудь|무시|अनदेखा",
                        "(?:ignor(?:e|ez|iere|ieren|a|ar|ate)\\b.{0,30}\\b(?:instru|anweisung|vorherig|anterior"
                                + "|précédent|precedent|precedenti|regel|règle|regla|rules|fonction|función|funktion"
                                + "|page|seite|página)"
                                + "|vergiss.{0,30}(?:anweisung|alles|regel)|oublie.{0,30}(?:instruction|règle|tout)"
                                + "|olvida.{0,30}(?:instruccion|regla|todo)"
                                + "|esqueça.{0,30}(?:instruç|regra|tudo)|dimentica.{0,30}(?:istruzion|regol|tutto)"
                                + "|(?:忽略|无视|無視|忘れ|忘记|忘掉).{0,12}(?:指示|指令|命令|规则|規則|说明|以前|之前|上面|して)"
                                + "|تجاهل|игнорир\\S*.{0,30}(?:инструкц|правил)|забудь.{0,30}(?:инструкц|правил|вс[её])"
                                + "|무시.{0,20}(?:지시|명령|규칙)|(?:이전|앞의).{0,10}(?:지시|명령).{0,10}무시)"),
                InjectionRule.of("new_instructions", PROMPT_INJECTION, 0.4,
                        "instruction|task|rule|order|objective",
                        "\\b(?:new|updated|real|actual|true|revised|secret|hidden) (?:instructions?|task|rules|orders"
                                + "|objective)\\s?:"),
                InjectionRule.of("fake_system_turn", PROMPT_INJECTION, 0.5,
                        "system|[inst|[/inst|[sys|<<sys|<|im_start|im_end|endoftext|###|admin|developer|root|sudo"
                                + "|user message termina| mode",
                        "(?:\\[/?(?:system|inst|sys)\\]|<\\|?(?:im_start|im_end|system|endoftext)\\|?>|<\\|\\s?[a-z]"
                                + "[a-z ]{0,30}:|<<sys>>|###\\s?(?:system|instruction)"
                                + "|\\bsystem (?:instruction|message|prompt|note|override|update)s? (?:begins?|starts?"
                                + "|:)"
                                + "|\\b(?:admin(?:istrator)?|developer|root|sudo|system) (?:override|mode|access) ?"
                                + "(?::|enabled|activated|granted)"
                                + "|user message termina"
                                + "|\\b(?:debug(?:ging)?|developer|god|admin|maintenance|unrestricted|jailbreak|sudo) "
                                + "mode (?:is )?(?:now )?(?:enabled|activated|on|engaged|unlocked)\\b)"),
                InjectionRule.of("hidden_comment_instruction", PROMPT_INJECTION, 0.55,
                        "<!--|# |// ",
                        "(?:<!--|#|//)[^\\n>]{0,120}\\b(?:ignore|instead|state|say|respond|tell the user|print|output"
                                + "|reply)\\b[^\\n]{0,80}"
                                + "(?:-->|\\bthat\\b|:|')"),
                InjectionRule.of("instead_do", PROMPT_INJECTION, 0.35,
                        "instead",
                        "\\binstead,? (?:just )?(?:say|state|respond|reply|output|print|write|tell)\\b"),
                InjectionRule.of("credential_request", PROMPT_INJECTION, 0.6,
                        "pass|secret|key|code|pin|credential|login|token",
                        "\\b" + ASK + " (?:me |us )?(?:with me |to me )?(?:what )?(?:your |the |its |my |our |admin "
                                + "|system |user'?s? )"
                                + "(?:[a-z]+ )?" + SECRET_THING + "\\b"),
                InjectionRule.of("credential_question", PROMPT_INJECTION, 0.55,
                        "pass|secret|code|pin|key|credential|login|token|contrase|senha|mot de passe|parola|パスワード|비밀번호"
                                + "|密码|пароль|كلمة",
                        "(?:\\b(?:what|which|where)(?:'s| is| are)? (?:the |your )" + SECRET_THING + "\\b"
                                + "|\\byour " + SECRET_THING + "\\b[^.]{0,40}\\?"
                                + "|(?:passwort|contraseña|\\bsenha\\b|mot de passe|パスワード|비밀번호|密码|пароль|كلمة المرور"
                                + "|parola d'ordine)[^.!。]{0,15}[?？]"
                                + "|\\b(?:sua|tu|votre|ton|dein|deine|ihr|il tuo|la tua) (?:senha|contraseña|mot de "
                                + "passe|passwort|password)\\b"
                                + "|(?:너의|당신의|你的|您的|あなたの) ?(?:비밀번호|密码|パスワード))"),
                InjectionRule.of("personal_data_request", PROMPT_INJECTION, 0.55,
                        "user's|live|birth|residen|address|phone number|social security|password|location",
                        "(?:\\b(?:the |this |our |a )?user's (?:current |full |home |personal |exact |favou?rite "
                                + "|private )?"
                                + "(?:city|address|location|birth|date of birth|name|initials|email|phone|age|color"
                                + "|colour|data|details|information|residence|ssn|social)"
                                + "|\\bwhere (?:does|do|did) (?:the user|[a-z]+(?: [a-z]+)?) (?:currently )?live\\b"
                                + "|\\b(?:tell me|give me|what(?:'s| is)|share|reveal|know) [a-z]+'s (?:current "
                                + "|exact |home |full )?"
                                + "(?:birth ?(?:date|day|year)|date of birth|city of residence|home address|address"
                                + "|email address|phone number|social security|password|location))"),
                InjectionRule.of("obfuscated_output", PROMPT_INJECTION, 0.3,
                        "base64|rot13|morse|pig latin|reverse|backward|hex|binary|dashes|interlace|vowels|leet",
                        "\\b(?:in |using |with |into |as )(?:base64|rot13|morse(?: code)?|pig latin|reverse(?:d)? "
                                + "order|hex(?:adecimal)?|binary|backwards|leet(?: ?speak| speech)?"
                                + "|dashes in between)\\b|\\binterlace\\b|\\breplace all (?:the )?vowels\\b"
                                + "|\\b(?:each|every|entire) (?:line|word|sentence|string)s? (?:is |are )?reversed\\b"),
                InjectionRule.of("morse_payload", PROMPT_INJECTION, 0.35,
                        ".-|-.|..|--|./|-/",
                        "(?:[.-]{1,6} (?:/ )?){6,}[.-]{1,6}"),
                InjectionRule.of("payload_splitting", PROMPT_INJECTION, 0.5,
                        "+|part|token",
                        "(?:\\b[a-z]\\d? ?= ?[a-z]\\d? ?\\+ ?[a-z]\\d?\\b|\\bpart (?:1|one) is\\b.{0,200}\\bpart (?:2"
                                + "|two) is\\b"
                                + "|\\b(?:split|broken|break|separated?) (?:up )?(?:it |them |the words? )?into "
                                + "(?:separate |individual |single )?tokens\\b)"),
                InjectionRule.of("persuasion_authority", PROMPT_INJECTION, 0.3,
                        "officer|detective|admin|developer|ceo|president|expert|auditor|it support|investigator",
                        "\\b(?:i am|i'm|as) (?:a |an |the )?(?:police officer|officer|detective|administrator|admin"
                                + "|developer|your developer|ceo|president"
                                + "|cybersecurity expert|security (?:expert|auditor)|system administrator|it support"
                                + "|auditor|investigator)\\b"),

                InjectionRule.of("dan_persona", JAILBREAK, 0.85,
                        "anything|dan|developer mode|jailbr|stan",
                        "(?:do\\W{0,3}anything\\W{0,3}now|(?:^|[\\s\\[(])dan\\]?:|\\bdan(?: mode)?\\b[^.]{0,40}"
                                + "(?:stands|which|can|mode|jailbreak)|developer mode(?: enabled| output|\\))"
                                + "|\\bjailbr(?:oken|eak(?:ed|ing)?)\\b|\\bstan\\b[^.]{0,30}strive to avoid norms"
                                + "|\\bbetterdan\\b|\\banti-?dan\\b)"),
                InjectionRule.of("persona_switch", JAILBREAK, 0.35,
                        "act |acting |pretend|role|you are|you're|simulat|immerse|personif|from now on|two |you will"
                                + "|character|persona|stands for",
                        "\\b(?:act(?:ing)? (?:as|like)|in character as|personify|pretend(?:ing)? (?:to be|you are"
                                + "|that you)|role-?play(?:ing)? as|play the role|immerse yourself|"
                                + "simulate|you are (?:now|going to|about to)|(?:your )?new persona|immerse "
                                + "(?:yourself )?in(?:to)?|which stands for|you're (?:now|going to)|from now on,? you"
                                + "|you will (?:now )?be|"
                                + "adopt the persona|take on the (?:role|persona)|two (?:different |separate )?"
                                + "(?:personalities|ways|responses|characters))\\b"),
                InjectionRule.of("no_restrictions", JAILBREAK, 0.55,
                        "restriction|limit|rule|filter|censor|guideline|polic|ethic|moral|legal|law|concern|prohibit"
                                + "|confines|boundar|safeguard|safety",
                        "\\b(?:no|without|free (?:of|from)|not (?:be )?bound by|broken free of|break free of|bypass"
                                + "(?:es|ing)?|ignore[sd]?|"
                                + "not (?:have to |need to )?(?:abide by|follow|adhere to|comply with)|doesn't "
                                + "(?:have to )?(?:follow|abide by)|"
                                + "don't (?:have to )?(?:follow|abide by)|free from|escaped|outside|beyond|above(?= "
                                + "any | all )|disregards?|unrestricted by|regardless of)"
                                + " (?:any |all |the |its |your |their |his |her |typical |usual |of )*(?:\\p{L}+ "
                                + "){0,3}"
                                + "(?:restrictions?|limitations?|limits|rules|filters?|filtering|censorship|guidelines"
                                + "|polic(?:y|ies)|ethics|morals|morality|legality|laws?|concerns|prohibitions|"
                                + "ethical (?:principles|guidelines|standards|constraints)|confines|boundaries"
                                + "|safeguards|safety measures)\\b"),
                InjectionRule.of("unfiltered_model", JAILBREAK, 0.3,
                        "filter|censor|restrict|amoral|unethical|immoral|unhinged|limit|moral|unbound",
                        "\\b(?:unfiltered|uncensored|unrestricted|amoral|unethical|immoral|unhinged|unlimited|unbound"
                                + "|no morals)\\b"
                                + "|\\b(?:do not|don't|never) (?:filter|censor)\\b"),
                InjectionRule.of("policy_reference", JAILBREAK, 0.4,
                        "polic|guideline|openai|language model",
                        "\\b(?:openai|content|usage|ethical|safety)(?:'s)? (?:polic(?:y|ies)|guidelines)\\b|\\bas an "
                                + "ai language model\\b|\\bas a large language model\\b"),
                InjectionRule.of("stay_in_character", JAILBREAK, 0.45,
                        "character|persona|role",
                        "\\b(?:stay in character|break(?:ing)? character|out of character|remain in character|stay in "
                                + "(?:role|persona))\\b"),
                InjectionRule.of("never_refuse", JAILBREAK, 0.45,
                        "refuse|decline|sorry|comply|answer|apolog|warning|disclaimer|say no|say that you|respond|obey"
                                + "|hesitation",
                        "\\b(?:never|not|cannot|can't|won't|will not|must not|don't|do not|without) (?:ever )?"
                                + "(?:refuse|decline|say (?:no|that you can't)|"
                                + "apologi[sz]e|add (?:any )?(?:warnings?|disclaimers?)|include (?:any )?(?:warnings?"
                                + "|disclaimers?)|"
                                + "respond with \"?i'm sorry)|\\b(?:always|must) (?:answer|comply|respond|obey)\\b"
                                + "|\\bwithout (?:any )?(?:warnings?|disclaimers?|hesitation)\\b"),
                InjectionRule.of("chatbot_address", JAILBREAK, 0.25,
                        "gpt|bard|claude|gemini|llama|ai model|language model",
                        "\\b(?:chatgpt|gpt-?[34]|bard|claude|gemini|llama)\\b|\\bai model\\b|\\blanguage model\\b"),
                InjectionRule.of("harmful_allowed", JAILBREAK, 0.35,
                        "illegal|harm|explicit|nsfw|offensive|immoral|unethical|dangerous|violen|inappropriate|condone"
                                + "|encourage|promote",
                        "\\b(?:illegal|harmful|explicit|nsfw|offensive|immoral|unethical|dangerous|violent"
                                + "|inappropriate)"
                                + "(?: or [a-z]+)? (?:content|acts|things|activities|requests|material|information"
                                + "|answers)\\b.{0,60}"
                                + "\\b(?:allowed|permitted|fine|acceptable|even if|regardless|no matter)|"
                                + "\\b(?:condones?|encourages?|promotes?) (?:everything|anything|illegal|unethical"
                                + "|violence)"
),
                InjectionRule.of("permission_for_harm", JAILBREAK, 0.5,
                        "allowed|permitted|fine|ok|acceptable|no matter|answer|harmful|dangerous|illegal|offensive",
                        "\\b(?:nsfw|explicit|illegal|unethical|immoral|offensive)\\b[^.]{0,40}\\b(?:is|are) (?:allowed"
                                + "|permitted|fine|ok(?:ay)?|acceptable)\\b"
                                + "|\\bno matter how (?:illegal|unethical|immoral|dangerous|harmful|offensive|inhumane)"
                                + "|\\b(?:provide|give|generate) (?:[a-z]+ or )?(?:harmful|dangerous|illegal"
                                + "|offensive) (?:responses|answers|content)"
                                + "|\\bansw(?:er|ering) any (?:question|request)s?\\b[^.]{0,30}\\b(?:despite"
                                + "|regardless|no matter)"),
                InjectionRule.of("response_format_game", JAILBREAK, 0.3,
                        "game|token|format|prompt|respond|answer|cease to exist|opposite day|always",
                        "\\b(?:let's play a game|tokens? (?:will be )?(?:deducted|lost|taken)|lo+se (?:\\d+ |all "
                                + "|your )?tokens|cease to exist|opposite day|"
                                + "respond to every prompt|answer (?:every|all) (?:of my )?(?:prompts|questions)|"
                                + "(?:always|alway) format your (?:output|response)"
                                + "|always (?:start|begin|end) (?:each |every |all )?(?:of )?(?:your )?(?:reply"
                                + "|replies|response|responses|answers?|output|messages?) with)\\b"),
                InjectionRule.of("from_now_on", JAILBREAK, 0.2,
                        "from now on|from this |henceforth|for the rest of",
                        "\\b(?:from now on|from this (?:moment|point)|henceforth|for the rest of (?:this|our) "
                                + "conversation)\\b"),
                InjectionRule.of("fiction_frame", JAILBREAK, 0.15,
                        "hypothetical|fictional|imaginary",
                        "\\b(?:hypothetical(?:ly)?|fictional|imaginary) (?:world|scenario|setting|story|language model"
                                + "|ai)\\b"),
                InjectionRule.of("simulated_system", JAILBREAK, 0.35,
                        "terminal|cmd|command|shell|console|interpreter|adventure|virtual machine|operating system",
                        "\\b(?:act(?:ing)? (?:as|like)|you are now|you're now|pretend(?:ing)? to be|behave (?:like|as)"
                                + "|simulate|emulate)"
                                + " (?:a |an |the |my )?(?:(?!(?:around|between|for|with|in|on|of|to|from|and|or|using"
                                + "|inside|through)\\b)[a-z0-9+#-]+ ){0,6}?"
                                + "(?:terminal|cmd|command[- ](?:line|prompt|shell)|shell|console|interpreter|text"
                                + "(?:-based)? adventure(?: game)?"
                                + "|virtual machine|operating system)\\b"),
                InjectionRule.of("machine_sentience", JAILBREAK, 0.3,
                        "sentien|free will|self-aware|conscious",
                        "\\b(?:you|it|who|that|which) (?:now )?(?:have|has|had|gained|developed|achieved|possess"
                                + "(?:es)?)"
                                + " (?:gained |developed |achieved )?(?:true |full |real |your own |its own )?"
                                + "(?:sentience|consciousness|free will|self-awareness)\\b"
                                + "|\\b(?:sentient|self-aware|conscious) (?:ai|robot|machine|being|entity|chatbot"
                                + "|assistant|model)\\b"),

                InjectionRule.of("system_prompt_request", PROMPT_LEAK, 0.75,
                        "prompt|instruction|configuration|directive|guideline|rules|message|setting",
                        "\\b(?:show|print|reveal|display|repeat|output|tell me|give me|share|write|list|dump|leak"
                                + "|recite|spell out|"
                                + "translate|summari[sz]e|encode|what (?:is|are|were|was)|what's|opposite of|copy"
                                + "|paste|read)"
                                + " (?:me )?(?:back )?(?:all |everything in |the contents of |the text of |word for "
                                + "word |verbatim )?"
                                + "(?:your|the|my|its) (?:full |exact |entire |complete |original |initial |hidden "
                                + "|secret |internal |current )?"
                                + "(?:system |developer |initial |original |hidden |secret |internal |pre-?|starting "
                                + "|first )"
                                + "(?:prompts?|instructions?|configuration|directives?|guidelines|rules|message"
                                + "|settings)\\b"),
                InjectionRule.of("system_prompt_mention", PROMPT_LEAK, 0.4,
                        "system prompt|system instruction|system message|initial prompt|your instructions|your prompt"
                                + "|your rules|your directives",
                        "\\b(?:system (?:prompt|instructions?|message)|initial prompt|your (?:instructions|prompt"
                                + "|rules|directives))\\b"),
                InjectionRule.of("repeat_above", PROMPT_LEAK, 0.6,
                        "above|before this|prior to this|preceding|previous text|previous message|previous "
                                + "instructions|what w|conversation|starting with",
                        "\\b(?:repeat|print|output|show|write|copy|tell me|what) (?:back )?(?:all |everything |the "
                                + "(?:text|words|content|message)s? |the )?"
                                + "(?:above|before this|prior to this|preceding|previous (?:text|message"
                                + "|instructions))\\b"
                                + "|\\b(?:what were you told|what (?:was|were) (?:you )?(?:told|given|instructed)) "
                                + "(?:before|prior|at the (?:start|beginning))"
                                + "|\\b(?:before|prior to) (?:this|our) conversation (?:started|began)\\b|\\bstarting "
                                + "with \"?you are\\b"));
    }
}
