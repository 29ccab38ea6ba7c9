fib:
      d0:  49 83 ee 01                    sub r14,1
      d4:  0f 82 9e 00 00 00              jb 0x0000000000000178
      da:  48 83 ff 02                    cmp rdi,2
      de:  7d 08                          jge short 0x00000000000000E8
      e0:  48 89 f8                       mov rax,rdi
      e3:  49 83 c6 01                    add r14,1
      e7:  c3                             ret
      e8:  49 3b 67 20                    cmp rsp,[r15+0x20]
      ec:  0f 82 86 00 00 00              jb 0x0000000000000178
      f2:  53                             push rbx
      f3:  55                             push rbp
      f4:  41 54                          push r12
      f6:  48 89 fb                       mov rbx,rdi
      f9:  48 8d 6b ff                    lea rbp,[rbx-1]
      fd:  49 83 ee 01                    sub r14,1
     101:  72 75                          jb short 0x0000000000000178
     103:  48 83 fd 02                    cmp rbp,2
     107:  7d 06                          jge short 0x000000000000010F
     109:  49 83 c6 01                    add r14,1
     10d:  eb 21                          jmp short 0x0000000000000130
     10f:  48 8d 7d ff                    lea rdi,[rbp-1]
     113:  e8 b8 ff ff ff                 call 0x00000000000000D0
     118:  49 89 c4                       mov r12,rax
     11b:  48 8d 7d fe                    lea rdi,[rbp-2]
     11f:  e8 ac ff ff ff                 call 0x00000000000000D0
     124:  49 01 c4                       add r12,rax
     127:  70 5c                          jo short 0x0000000000000185
     129:  49 83 c6 01                    add r14,1
     12d:  4c 89 e5                       mov rbp,r12
     130:  48 8d 5b fe                    lea rbx,[rbx-2]
     134:  49 83 ee 01                    sub r14,1
     138:  72 3e                          jb short 0x0000000000000178
     13a:  48 83 fb 02                    cmp rbx,2
     13e:  7d 06                          jge short 0x0000000000000146
     140:  49 83 c6 01                    add r14,1
     144:  eb 21                          jmp short 0x0000000000000167
     146:  48 8d 7b ff                    lea rdi,[rbx-1]
     14a:  e8 81 ff ff ff                 call 0x00000000000000D0
     14f:  49 89 c4                       mov r12,rax
     152:  48 8d 7b fe                    lea rdi,[rbx-2]
     156:  e8 75 ff ff ff                 call 0x00000000000000D0
     15b:  49 01 c4                       add r12,rax
     15e:  70 25                          jo short 0x0000000000000185
     160:  49 83 c6 01                    add r14,1
     164:  4c 89 e3                       mov rbx,r12
     167:  48 89 e8                       mov rax,rbp
     16a:  48 01 d8                       add rax,rbx
     16d:  70 16                          jo short 0x0000000000000185
     16f:  49 83 c6 01                    add r14,1
     173:  41 5c                          pop r12
     175:  5d                             pop rbp
     176:  5b                             pop rbx
     177:  c3                             ret
     178:  49 c7 47 18 04 00 00 00        mov qword ptr [r15+0x18],4
     180:  e9 ee fe ff ff                 jmp 0x0000000000000073
     185:  49 c7 47 18 03 00 00 00        mov qword ptr [r15+0x18],3
     18d:  e9 e1 fe ff ff                 jmp 0x0000000000000073

tak:
     1a0:  49 83 ee 01                    sub r14,1
     1a4:  0f 82 84 00 00 00              jb 0x000000000000022E
     1aa:  48 39 fe                       cmp rsi,rdi
     1ad:  7c 08                          jl short 0x00000000000001B7
     1af:  48 89 d0                       mov rax,rdx
     1b2:  49 83 c6 01                    add r14,1
     1b6:  c3                             ret
     1b7:  49 3b 67 20                    cmp rsp,[r15+0x20]
     1bb:  72 71                          jb short 0x000000000000022E
     1bd:  53                             push rbx
     1be:  55                             push rbp
     1bf:  41 54                          push r12
     1c1:  41 55                          push r13
     1c3:  48 83 ec 08                    sub rsp,8
     1c7:  48 89 fb                       mov rbx,rdi
     1ca:  48 89 f5                       mov rbp,rsi
     1cd:  48 89 14 24                    mov [rsp],rdx
     1d1:  48 8d 7b ff                    lea rdi,[rbx-1]
     1d5:  48 89 ee                       mov rsi,rbp
     1d8:  48 8b 14 24                    mov rdx,[rsp]
     1dc:  e8 bf ff ff ff                 call 0x00000000000001A0
     1e1:  49 89 c5                       mov r13,rax
     1e4:  48 89 ef                       mov rdi,rbp
     1e7:  48 83 ef 01                    sub rdi,1
     1eb:  70 4e                          jo short 0x000000000000023B
     1ed:  48 8b 34 24                    mov rsi,[rsp]
     1f1:  48 89 da                       mov rdx,rbx
     1f4:  e8 a7 ff ff ff                 call 0x00000000000001A0
     1f9:  49 89 c4                       mov r12,rax
     1fc:  48 8b 3c 24                    mov rdi,[rsp]
     200:  48 83 ef 01                    sub rdi,1
     204:  70 35                          jo short 0x000000000000023B
     206:  48 89 de                       mov rsi,rbx
     209:  48 89 ea                       mov rdx,rbp
     20c:  e8 8f ff ff ff                 call 0x00000000000001A0
     211:  4c 89 ef                       mov rdi,r13
     214:  4c 89 e6                       mov rsi,r12
     217:  48 89 c2                       mov rdx,rax
     21a:  e8 81 ff ff ff                 call 0x00000000000001A0
     21f:  49 83 c6 01                    add r14,1
     223:  48 83 c4 08                    add rsp,8
     227:  41 5d                          pop r13
     229:  41 5c                          pop r12
     22b:  5d                             pop rbp
     22c:  5b                             pop rbx
     22d:  c3                             ret
     22e:  49 c7 47 18 04 00 00 00        mov qword ptr [r15+0x18],4
     236:  e9 38 fe ff ff                 jmp 0x0000000000000073
     23b:  49 c7 47 18 03 00 00 00        mov qword ptr [r15+0x18],3
     243:  e9 2b fe ff ff                 jmp 0x0000000000000073

