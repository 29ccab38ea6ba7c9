fib:
      d0:  49 83 ee 01                    sub r14,1
      d4:  72 4c                          jb short 0x0000000000000122
      d6:  48 83 ff 02                    cmp rdi,2
      da:  7c 3e                          jl short 0x000000000000011A
      dc:  49 3b 67 20                    cmp rsp,[r15+0x20]
      e0:  72 40                          jb short 0x0000000000000122
      e2:  53                             push rbx
      e3:  55                             push rbp
      e4:  48 83 ec 08                    sub rsp,8
      e8:  48 89 fb                       mov rbx,rdi
      eb:  48 89 df                       mov rdi,rbx
      ee:  48 83 ef 01                    sub rdi,1
      f2:  70 3b                          jo short 0x000000000000012F
      f4:  e8 d7 ff ff ff                 call 0x00000000000000D0
      f9:  48 89 c5                       mov rbp,rax
      fc:  48 89 df                       mov rdi,rbx
      ff:  48 83 ef 02                    sub rdi,2
     103:  70 2a                          jo short 0x000000000000012F
     105:  e8 c6 ff ff ff                 call 0x00000000000000D0
     10a:  48 01 e8                       add rax,rbp
     10d:  70 20                          jo short 0x000000000000012F
     10f:  49 83 c6 01                    add r14,1
     113:  48 83 c4 08                    add rsp,8
     117:  5d                             pop rbp
     118:  5b                             pop rbx
     119:  c3                             ret
     11a:  48 89 f8                       mov rax,rdi
     11d:  49 83 c6 01                    add r14,1
     121:  c3                             ret
     122:  49 c7 47 18 04 00 00 00        mov qword ptr [r15+0x18],4
     12a:  e9 44 ff ff ff                 jmp 0x0000000000000073
     12f:  49 c7 47 18 03 00 00 00        mov qword ptr [r15+0x18],3
     137:  e9 37 ff ff ff                 jmp 0x0000000000000073

tak:
     140:  49 83 ee 01                    sub r14,1
     144:  0f 82 89 00 00 00              jb 0x00000000000001D3
     14a:  48 39 fe                       cmp rsi,rdi
     14d:  7d 7c                          jge short 0x00000000000001CB
     14f:  49 3b 67 20                    cmp rsp,[r15+0x20]
     153:  72 7e                          jb short 0x00000000000001D3
     155:  53                             push rbx
     156:  55                             push rbp
     157:  41 54                          push r12
     159:  41 55                          push r13
     15b:  48 83 ec 08                    sub rsp,8
     15f:  48 89 fb                       mov rbx,rdi
     162:  48 89 f5                       mov rbp,rsi
     165:  48 89 14 24                    mov [rsp],rdx
     169:  48 89 df                       mov rdi,rbx
     16c:  48 83 ef 01                    sub rdi,1
     170:  70 6e                          jo short 0x00000000000001E0
     172:  48 89 ee                       mov rsi,rbp
     175:  48 8b 14 24                    mov rdx,[rsp]
     179:  e8 c2 ff ff ff                 call 0x0000000000000140
     17e:  49 89 c5                       mov r13,rax
     181:  48 89 ef                       mov rdi,rbp
     184:  48 83 ef 01                    sub rdi,1
     188:  70 56                          jo short 0x00000000000001E0
     18a:  48 8b 34 24                    mov rsi,[rsp]
     18e:  48 89 da                       mov rdx,rbx
     191:  e8 aa ff ff ff                 call 0x0000000000000140
     196:  49 89 c4                       mov r12,rax
     199:  48 8b 3c 24                    mov rdi,[rsp]
     19d:  48 83 ef 01                    sub rdi,1
     1a1:  70 3d                          jo short 0x00000000000001E0
     1a3:  48 89 de                       mov rsi,rbx
     1a6:  48 89 ea                       mov rdx,rbp
     1a9:  e8 92 ff ff ff                 call 0x0000000000000140
     1ae:  4c 89 ef                       mov rdi,r13
     1b1:  4c 89 e6                       mov rsi,r12
     1b4:  48 89 c2                       mov rdx,rax
     1b7:  e8 84 ff ff ff                 call 0x0000000000000140
     1bc:  49 83 c6 01                    add r14,1
     1c0:  48 83 c4 08                    add rsp,8
     1c4:  41 5d                          pop r13
     1c6:  41 5c                          pop r12
     1c8:  5d                             pop rbp
     1c9:  5b                             pop rbx
     1ca:  c3                             ret
     1cb:  48 89 d0                       mov rax,rdx
     1ce:  49 83 c6 01                    add r14,1
     1d2:  c3                             ret
     1d3:  49 c7 47 18 04 00 00 00        mov qword ptr [r15+0x18],4
     1db:  e9 93 fe ff ff                 jmp 0x0000000000000073
     1e0:  49 c7 47 18 03 00 00 00        mov qword ptr [r15+0x18],3
     1e8:  e9 86 fe ff ff                 jmp 0x0000000000000073

